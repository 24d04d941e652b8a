import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';

import type { ContractShape } from '../../shared/ipc/contract-kit';
import type { Dispatcher } from '../../shared/ipc/dispatcher';
import { err } from '../../shared/result';
import type { Logger } from '../logging/logger';

/** The app's own windows: only their main frames, on the app's own pages, may talk to main. */
export interface TrustedSenders {
  /** The window role (`main`, `mini`) of a trusted webContents, or null. */
  roleOf(webContentsId: number): string | null;
  /** Whether a frame URL is one of the app's own pages. */
  isAppUrl(url: string): boolean;
  /** Every live window, to fan events out to. */
  targets(): readonly WebContents[];
}

/**
 * Electron IPC, generated from the contract: one `ipcMain.handle` per call and one `ipcMain.on` per command,
 * each checking the sender before the dispatcher validates the payload. Events go to every trusted window.
 */
export function serveOverIpc<C extends ContractShape>(
  dispatcher: Dispatcher<C>,
  senders: TrustedSenders,
  log: Logger,
): () => void {
  const check = (event: IpcMainEvent | IpcMainInvokeEvent, channel: string): string | null => {
    const role = senders.roleOf(event.sender.id);
    const frame = event.senderFrame;
    const trusted = role !== null && frame !== null && frame.parent === null && senders.isAppUrl(frame.url);
    if (!trusted) log.warn('rejected IPC from an untrusted sender', { channel, url: frame?.url.slice(0, 120) ?? null });
    return trusted ? role : null;
  };

  for (const { channel, spec } of dispatcher.channels) {
    if (spec.kind === 'call') {
      ipcMain.handle(channel, (event, payload: unknown) => {
        const origin = check(event, channel);
        return origin === null
          ? err('forbidden_sender', 'This window may not talk to Trayplay')
          : dispatcher.call(channel, payload, { transport: 'electron', origin });
      });
    } else if (spec.kind === 'command') {
      ipcMain.on(channel, (event, payload: unknown) => {
        const origin = check(event, channel);
        if (origin !== null) dispatcher.command(channel, payload, { transport: 'electron', origin });
      });
    }
  }
  const removeSink = dispatcher.addSink((channel, payload) => {
    for (const target of senders.targets()) if (!target.isDestroyed()) target.send(channel, payload);
  });

  return () => {
    removeSink();
    for (const { channel, spec } of dispatcher.channels) {
      if (spec.kind === 'call') ipcMain.removeHandler(channel);
      else if (spec.kind === 'command') ipcMain.removeAllListeners(channel);
    }
  };
}
