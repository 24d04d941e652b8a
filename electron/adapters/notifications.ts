import { nativeImage, net, Notification, type NativeImage } from 'electron';

import type { Logger } from '../logging/logger';
import type { Notifier, TrackNotice } from '../shell/track-notifier';

const ART_TIMEOUT_MS = 3_000;
const ART_MAX_BYTES = 2 * 1024 * 1024;

/** Art from Spotify's image CDN, or the demo simulator on loopback; nothing else is fetched. */
const fetchable = (url: string): boolean => /^https:\/\/[a-z0-9.-]*scdn\.co\//i.test(url) || /^http:\/\/127\.0\.0\.1:\d+\//.test(url);

/**
 * Electron notifications with the album art; the previous one is closed when the next shows. Art can take
 * up to 3 s, so each show has a number and only the newest may appear (a slow fetch for A never lands after B).
 */
export function electronNotifier(log: Logger): Notifier & { supported(): boolean } {
  let current: Notification | null = null;
  let latest = 0;
  const art = async (url: string | null): Promise<NativeImage | undefined> => {
    if (!url || !fetchable(url)) return undefined;
    try {
      const response = await net.fetch(url, { signal: AbortSignal.timeout(ART_TIMEOUT_MS) });
      if (!response.ok) return undefined;
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length > ART_MAX_BYTES) return undefined;
      const image = nativeImage.createFromBuffer(bytes);
      return image.isEmpty() ? undefined : image.resize({ width: 128, height: 128 });
    } catch {
      return undefined;
    }
  };
  return {
    supported: () => Notification.isSupported(),
    show: (notice: TrackNotice, stillWanted: () => boolean) => {
      const seq = ++latest;
      void art(notice.artUrl).then((icon) => {
        if (seq !== latest || !stillWanted()) return;
        current?.close();
        const shown = new Notification({ title: notice.title.slice(0, 120), body: notice.body.slice(0, 200), silent: true, ...(icon ? { icon } : {}) });
        shown.on('failed', (_event, error) => log.warn('notification failed', { error }));
        shown.show();
        current = shown;
      });
    },
  };
}
