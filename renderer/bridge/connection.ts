/** Where the renderer's link to main stands. Under Electron it is always `open`. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

export interface Connection {
  readonly status: () => ConnectionStatus;
  /** Told about every status change; `reconnected` is true when a link came back after a loss. */
  readonly onStatus: (listener: (status: ConnectionStatus, reconnected: boolean) => void) => () => void;
}

/** The preload's IPC link never drops while the window lives. */
export const alwaysOpen: Connection = {
  status: () => 'open',
  onStatus: () => () => undefined,
};
