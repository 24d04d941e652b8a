/** Moments when timers may have been asleep or requests may work again. Each `on…` returns an unsubscribe. */
export interface PowerEvents {
  onResume(callback: () => void): () => void;
  onUnlock(callback: () => void): () => void;
  onOnline(callback: () => void): () => void;
}

/** For hosts without power events (headless host, most tests). */
export const noPowerEvents: PowerEvents = {
  onResume: () => () => undefined,
  onUnlock: () => () => undefined,
  onOnline: () => () => undefined,
};
