// `session` and `protocol`: permission handlers, response-header hooks (CSP), privileged schemes, handlers.
import { EventEmitter } from 'node:events';

import type { Runtime } from './runtime';
import type { WebContentsDouble } from './web-contents';

type RequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];
type Permission = Parameters<NonNullable<CheckHandler>>[1];
type HeadersListener = (details: Electron.OnHeadersReceivedListenerDetails, callback: (response: Electron.HeadersReceivedResponse) => void) => void;
type SchemeHandler = Parameters<Electron.Protocol['handle']>[1];

const SESSION_BEFORE_READY = 'Session can only be received when app is ready';

/** `session.webRequest`: the app's listeners, run by `applyHeadersReceived` as the network stack would. */
export class WebRequestDouble implements Pick<Electron.WebRequest, 'onHeadersReceived'> {
  public headersReceived: { filter: Electron.WebRequestFilter; listener: HeadersListener } | null = null;

  public constructor(private readonly runtime: Runtime) {}

  public onHeadersReceived(listener: HeadersListener | null): void;
  public onHeadersReceived(filter: Electron.WebRequestFilter, listener: HeadersListener | null): void;
  public onHeadersReceived(a: Electron.WebRequestFilter | HeadersListener | null, b?: HeadersListener | null): void {
    this.runtime.record('session.webRequest', 'onHeadersReceived');
    const [filter, listener]: [Electron.WebRequestFilter, HeadersListener | null] = typeof a === 'function' || a === null ? [{ urls: [] }, a] : [a, b ?? null];
    this.headersReceived = listener ? { filter, listener } : null;
  }

  /** A response arrives: the headers after the app's listener (unchanged without one). */
  public applyHeadersReceived(url: string, responseHeaders: Record<string, string[]>): Promise<{ cancel: boolean; headers: Record<string, string[]> }> {
    const hook = this.headersReceived;
    if (!hook || !matchesFilter(hook.filter, url)) return Promise.resolve({ cancel: false, headers: responseHeaders });
    return new Promise((resolve) => {
      const details = { id: 1, url, method: 'GET', timestamp: Date.now(), statusCode: 200, statusLine: 'HTTP/1.1 200 OK', responseHeaders, resourceType: 'mainFrame' } as unknown as Electron.OnHeadersReceivedListenerDetails;
      hook.listener(details, (response) => resolve({ cancel: response.cancel ?? false, headers: response.responseHeaders ? normalise(response.responseHeaders) : responseHeaders }));
    });
  }
}

function normalise(headers: Record<string, string | string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
}

/** Chromium match patterns: `<all_urls>`, `scheme://host/path*`. An empty list matches everything. */
function matchesFilter(filter: Electron.WebRequestFilter, url: string): boolean {
  if (filter.urls.length === 0) return true;
  return filter.urls.some((pattern) => {
    if (pattern === '<all_urls>') return true;
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    return re.test(url);
  });
}

/** A session's protocol registry. `handle` twice for one scheme fails, as in Electron. */
export class ProtocolDouble implements Pick<Electron.Protocol, 'handle' | 'unhandle' | 'isProtocolHandled'> {
  public readonly handlers = new Map<string, NonNullable<SchemeHandler>>();

  public constructor(private readonly runtime: Runtime) {}

  public handle(scheme: string, handler: SchemeHandler): void {
    this.runtime.record('protocol', 'handle', [scheme]);
    if (this.handlers.has(scheme)) this.runtime.fail('protocol.handle', `Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  public unhandle(scheme: string): void {
    this.runtime.record('protocol', 'unhandle', [scheme]);
    if (!this.handlers.delete(scheme)) this.runtime.fail('protocol.unhandle', `Failed to unhandle protocol: ${scheme}`);
  }

  public isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  /** A page requests `url`: the app's handler answers, as Chromium would ask it. */
  public async request(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
    return handler(new Request(url, init));
  }
}

type PermissionRequestDetails = Parameters<NonNullable<RequestHandler>>[3];

type SessionKeys = 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'getUserAgent' | 'setUserAgent' | 'setSpellCheckerEnabled' | 'isPersistent' | 'getStoragePath';

export class SessionDouble extends EventEmitter implements Pick<Electron.Session, SessionKeys> {
  public readonly webRequest: WebRequestDouble;
  public readonly protocol: ProtocolDouble;
  public permissionRequestHandler: RequestHandler = null;
  public permissionCheckHandler: CheckHandler = null;
  private userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Trayplay Chrome/140.0.0.0 Electron/45.4.1 Safari/537.36';

  public constructor(
    private readonly runtime: Runtime,
    private readonly storagePath: string | null,
  ) {
    super();
    this.webRequest = new WebRequestDouble(runtime);
    this.protocol = new ProtocolDouble(runtime);
  }

  public setPermissionRequestHandler(handler: RequestHandler): void {
    this.runtime.record('session', 'setPermissionRequestHandler');
    this.permissionRequestHandler = handler;
  }

  public setPermissionCheckHandler(handler: CheckHandler): void {
    this.runtime.record('session', 'setPermissionCheckHandler');
    this.permissionCheckHandler = handler;
  }

  public getUserAgent(): string {
    return this.userAgent;
  }

  public setUserAgent(userAgent: string): void {
    this.userAgent = userAgent;
  }

  public setSpellCheckerEnabled(enable: boolean): void {
    this.runtime.record('session', 'setSpellCheckerEnabled', [enable]);
  }

  public isPersistent(): boolean {
    return this.storagePath !== null;
  }

  public getStoragePath(): string | null {
    return this.storagePath;
  }

  /** A page asks for a permission. Without a handler Electron grants every request. */
  public requestPermission(contents: WebContentsDouble, permission: Permission, requestingUrl: string): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => {
      const details = { requestingUrl, isMainFrame: true } as PermissionRequestDetails;
      handler(contents as unknown as Electron.WebContents, permission, resolve, details);
    });
  }

  /** A synchronous permission check (e.g. `navigator.permissions.query`). Without a handler: granted. */
  public checkPermission(contents: WebContentsDouble | null, permission: Permission, origin: string): boolean {
    const handler = this.permissionCheckHandler;
    if (!handler) return true;
    return handler(contents as unknown as Electron.WebContents | null, permission, origin, { isMainFrame: true, requestingUrl: origin });
  }
}

export interface SessionModule {
  readonly session: {
    readonly defaultSession: SessionDouble;
    fromPartition(partition: string): SessionDouble;
  };
  /** The default session once created (null before anything asked for it). */
  current(): SessionDouble | null;
}

/** `session.defaultSession` throws before `ready`, as Electron does. */
export function createSessionModule(runtime: Runtime, storagePath: () => string): SessionModule {
  let defaultSession: SessionDouble | null = null;
  const partitions = new Map<string, SessionDouble>();
  const get = (): SessionDouble => {
    runtime.requireReady('session', SESSION_BEFORE_READY);
    defaultSession ??= new SessionDouble(runtime, storagePath());
    return defaultSession;
  };
  return {
    session: {
      get defaultSession() {
        return get();
      },
      fromPartition(partition: string) {
        runtime.record('session', 'fromPartition', [partition]);
        if (partition === '') return get();
        runtime.requireReady('session', SESSION_BEFORE_READY);
        let found = partitions.get(partition);
        if (!found) {
          found = new SessionDouble(runtime, partition.startsWith('persist:') ? `${storagePath()}/Partitions/${partition.slice(8)}` : null);
          partitions.set(partition, found);
        }
        return found;
      },
    },
    current: () => defaultSession,
  };
}

/** What `registerSchemesAsPrivileged` was given, for assertions. */
export interface PrivilegedScheme {
  readonly scheme: string;
  readonly privileges: Electron.Privileges;
}

export interface ProtocolModule {
  readonly protocol: Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'isProtocolHandled'> & {
    handle: ProtocolDouble['handle'];
    unhandle: ProtocolDouble['unhandle'];
  };
  readonly privileged: PrivilegedScheme[];
}

/**
 * The `protocol` module: `registerSchemesAsPrivileged` only before `ready` (Electron throws after), and
 * everything else is the default session's protocol, so it throws before `ready` too.
 */
export function createProtocolModule(runtime: Runtime, defaultSession: () => SessionDouble): ProtocolModule {
  const privileged: PrivilegedScheme[] = [];
  return {
    privileged,
    protocol: {
      registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]) {
        runtime.record('protocol', 'registerSchemesAsPrivileged', [customSchemes]);
        if (runtime.isReady()) runtime.fail('protocol.registerSchemesAsPrivileged', 'protocol.registerSchemesAsPrivileged should be called before app is ready');
        for (const { scheme, privileges } of customSchemes) privileged.push({ scheme, privileges: { ...privileges } });
      },
      handle: (scheme, handler) => defaultSession().protocol.handle(scheme, handler),
      unhandle: (scheme) => defaultSession().protocol.unhandle(scheme),
      isProtocolHandled: (scheme) => defaultSession().protocol.isProtocolHandled(scheme),
    },
  };
}
