import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { AppInfo } from '../../shared/state/app-state';
import { coreDepsOf, createCore, type Core } from '../core/create-core';
import { createServices, type Services, type ServicesConfig } from '../core/create-services';
import type { WindowControl } from '../core/facades';
import { FileStore } from '../adapters/file-store';
import { KeyFileCipher } from '../adapters/key-file-cipher';
import { RootLogger, type LogSink } from '../logging/logger';
import { rendererCsp } from '../net/csp';
import { loopbackHttpOrigin } from '../net/host-check';
import { createLimitedServer, type HttpLimits } from '../net/http-limits';
import { createStaticHandler } from '../net/static-handler';
import { systemClock, type Clock } from '../ports/clock';
import type { Browser } from '../ports/browser';
import { PAGE_WARNING_IS_CONSENT } from '../ports/plaintext-consent';
import { noPowerEvents } from '../ports/power-events';
import { startPlatformMediaSession, type MediaSessionHandle } from '../mpris/media-session';
import type { ControlOutcome } from '../shell/control-inbox';
import { DesktopShell } from '../shell/desktop-shell';
import { RecentProblems } from '../shell/diagnostics';

import { serveStaticOverHttp } from './static-files';
import { serveOverWebSocket } from './ws-contract-server';
import { newLaunchSecret, type WsLimits } from './ws-limits';

export interface HostOptions {
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** Settings and the encrypted vault live here. */
  readonly userDataDir: string;
  /** 0 or absent: a free port. Always bound to 127.0.0.1. */
  readonly port?: number;
  readonly clock?: Clock;
  readonly logSink?: LogSink;
  /** Where sign-in URLs go; by default they are printed for the developer to open. */
  readonly browser?: Browser;
  readonly services?: Partial<ServicesConfig>;
  readonly version?: string;
  readonly wsLimits?: Partial<WsLimits>;
  /** Socket cap and header/request deadlines of the HTTP server (tests pass small ones). */
  readonly httpLimits?: Partial<HttpLimits>;
  /** Publish over MPRIS too (Linux): `{}` uses the environment's session bus. Absent: no media session. */
  readonly mpris?: { readonly address?: string | null };
}

export interface Host {
  /** The main page to open, with this launch's secret in the fragment (`#key=…`): print it, never log it. */
  readonly url: string;
  /** `http://127.0.0.1:<port>` (no `:80` on port 80, as browsers write it), without the secret. */
  readonly origin: string;
  /** Another page of the app (`mini.html`), with the secret. */
  pageUrl(page: 'index.html' | 'mini.html'): string;
  readonly core: Core;
  readonly services: Services;
  readonly logger: RootLogger;
  /** Delivers a process's argv or a control link as a second instance would, through the app's own dispatch. */
  deliverControl(argvOrUrl: readonly string[] | string): ControlOutcome;
  close(): Promise<void>;
}

/**
 * The main-process logic without Electron: Node adapters (a JSON file store in `userDataDir`, a key-file
 * cipher that reports itself as not secure), the built renderer over HTTP and the contract over WebSocket, on
 * 127.0.0.1 only. Used by the UI tests, by `npm run dev:web`, and by `npm start` where Electron cannot run.
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const problems = new RecentProblems();
  const sink = options.logSink ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const logger = new RootLogger({ sink: (line, record) => (problems.sink(line, record), sink(line, record)) });
  const log = logger.scope('host');
  const clock = options.clock ?? systemClock;
  const browser: Browser = options.browser ?? {
    open: (url) => {
      process.stdout.write(`\nOpen this address in your browser to sign in:\n${url}\n\n`);
      return Promise.resolve();
    },
  };
  const services = await createServices({
    shell: 'web',
    clock,
    logger,
    store: new FileStore(join(options.userDataDir, 'trayplay.json')),
    cipher: new KeyFileCipher(join(options.userDataDir, 'preview-key')),
    browser,
    power: noPowerEvents,
    protocol: null,
    fetch: (url, init) => fetch(url, init),
    ...options.services,
    // No dialog outside the page here: the page's own warning is the consent (docs/security.md).
    plaintextConsent: options.services?.plaintextConsent ?? PAGE_WARNING_IS_CONSENT,
  });
  const windows: WindowControl = { showMain: () => undefined, toggleMini: () => undefined, hideMini: () => undefined };
  const info = (): AppInfo => ({
    name: 'Trayplay',
    // The package's version, read from package.json beside dist/ (started without npm there is no npm_package_version).
    version: options.version ?? (JSON.parse(readFileSync(join(options.rendererDir, '..', '..', 'package.json'), 'utf8')) as { version: string }).version,
    platform: process.platform,
    shell: 'web',
    demo: services.isDemo(),
  });
  // The same hotkey/control-link dispatch as the app, without global shortcuts or windows.
  const desktopShell = new DesktopShell({
    clock,
    log: logger.scope('shell'),
    playback: services.playback,
    preferences: services.preferences,
    desktop: services.desktop,
    windows: { showMain: () => undefined, toggleMini: () => undefined, showMini: () => undefined },
    power: noPowerEvents,
    problems,
    diagnosticsContext: () => ({
      info: info(),
      versions: { node: process.versions.node },
      os: { platform: process.platform, release: 'web preview', arch: process.arch },
      session: 'web',
    }),
  });
  const core = createCore({ ...coreDepsOf(services), info, logger, windows, shellActions: desktopShell.actions });
  desktopShell.start(core.state);

  const secret = newLaunchSecret();
  logger.addPermanentSecret(secret);
  let port = 0;
  const origin = (): string => loopbackHttpOrigin(port);
  // The request listener is set once the port (and so the origin) is known; nothing can connect before.
  let serve: ReturnType<typeof serveStaticOverHttp> = () => Promise.resolve();
  const server = createLimitedServer((request, response) => void serve(request, response), options.httpLimits);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const handler = createStaticHandler({
    root: options.rendererDir,
    origin: origin(),
    compress: true,
    csp: () => rendererCsp({ shell: 'web', wsOrigin: origin().replace('http:', 'ws:'), demoArtOrigin: services.demoArtOrigin() }),
  });
  serve = serveStaticOverHttp(handler, () => port);
  // A connected page counts as a visible window: the refresh policy runs at the window cadence.
  const ws = serveOverWebSocket(server, core.dispatcher, {
    allowedOrigin: origin,
    port: () => port,
    secret,
    log: logger.scope('ws'),
    limits: options.wsLimits,
    onClients: (count) => services.setVisibility(count > 0 ? 'window' : 'tray'),
  });
  const pageUrl = (page: 'index.html' | 'mini.html'): string => `${origin()}/${page === 'index.html' ? '' : page}#key=${secret}`;
  const media: MediaSessionHandle | null = options.mpris
    ? startPlatformMediaSession({
        clock,
        logger,
        playback: services.playback,
        preferences: services.preferences,
        desktop: services.desktop,
        raise: null,
        quit: null,
        openUri: (uri) => services.playback.playUri(uri),
        ...(options.mpris.address !== undefined ? { address: options.mpris.address } : {}),
      })
    : null;
  log.info('headless host ready', { url: origin() });

  return {
    url: pageUrl('index.html'),
    origin: origin(),
    pageUrl,
    core,
    services,
    logger,
    deliverControl: (argvOrUrl) => desktopShell.inbox.receiveArgv(typeof argvOrUrl === 'string' ? [argvOrUrl] : argvOrUrl),
    close: async () => {
      await media?.dispose();
      desktopShell.stop();
      await ws.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      core.dispose();
      await services.dispose();
    },
  };
}
