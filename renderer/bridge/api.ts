import type { TrayplayApi } from '../../shared/contract';
import { createCheckedClient, type Check } from '../../shared/ipc/client-core';

import { alwaysOpen, type Connection } from './connection';
import { checkedChannels } from './contract-checks';
import { adoptingSocketFactory, EARLY_GET_STATE, earlyHandle, withEarlyReply } from './early-handoff';
import { contractUrl, createWsTransport, takeLaunchKey } from './ws-transport';

interface Bridge {
  readonly api: TrayplayApi;
  readonly connection: Connection;
}

let bridge: Bridge | null = null;
/** The web preview's per-launch key, once taken out of the URL: in memory only, for reconnects and new tabs. */
let launchKey: string | null = null;

/** The `app:getState` reply check, so the early script's reply is held to the same rules as any reply. */
function getStateReplyCheck(): Check | null {
  const entry = checkedChannels.find((channel) => channel.channel === EARLY_GET_STATE);
  return entry?.kind === 'call' ? entry.reply : null;
}

/** Electron's preload API when present; otherwise the contract over a WebSocket to the headless host. */
function createBridge(): Bridge {
  const exposed = window.trayplay;
  if (exposed !== undefined) return { api: exposed, connection: alwaysOpen };
  // The page's inline script may have opened the socket and asked for the snapshot already: take both over.
  const early = earlyHandle(window);
  launchKey = takeLaunchKey(window.location, window.history);
  const transport = createWsTransport({
    url: contractUrl(window.location, launchKey),
    createSocket: adoptingSocketFactory(early),
  });
  const api: TrayplayApi = createCheckedClient<TrayplayApi>(checkedChannels, withEarlyReply(transport, early, getStateReplyCheck()), {
    onInvalid: (channel, message) => api.app.log({ level: 'warn', message: `invalid ${channel}: ${message}` }),
  });
  // Same place as under Electron, so scripts and tests find the API the same way in both shells.
  Object.defineProperty(window, 'trayplay', { value: api, enumerable: true });
  return { api, connection: transport };
}

function getBridge(): Bridge {
  bridge ??= createBridge();
  return bridge;
}

/** The renderer's one way to reach main. */
export function getApi(): TrayplayApi {
  return getBridge().api;
}

/** The link's status, for the "reconnecting" notice and for re-taking the snapshot after a loss. */
export function getConnection(): Connection {
  return getBridge().connection;
}

/**
 * The fragment that lets a page this one opens (main, mini) connect too: `#key=…`, or '' under Electron.
 * Read after boot (the bridge takes the key when the page starts); it never creates the bridge itself.
 */
export function launchFragment(): string {
  return launchKey === null ? '' : `#key=${encodeURIComponent(launchKey)}`;
}
