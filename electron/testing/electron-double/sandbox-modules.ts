// The renderer half of the double: what a sandboxed preload can `require`, and nothing more.
import { EventEmitter } from 'node:events';

/** Where a preload's messages go: a main-process ipcMain (double) or a recording sink. */
export interface IpcPeer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
}

/** What the preload gets as an `ipcRenderer` event. */
export interface IpcRendererEventDouble {
  readonly sender: IpcRendererDouble;
  readonly senderId: number;
  readonly ports: readonly unknown[];
}

export class IpcRendererDouble extends EventEmitter implements Pick<Electron.IpcRenderer, 'invoke' | 'send'> {
  public readonly invoked: { channel: string; args: unknown[] }[] = [];
  public readonly sentMessages: { channel: string; args: unknown[] }[] = [];

  public constructor(private readonly peer: IpcPeer) {
    super();
  }

  /** Arguments cross by structured clone: a function or a DOM object in a payload throws, as in Electron. */
  public invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const cloned = args.map((a) => structuredClone(a));
    this.invoked.push({ channel, args: cloned });
    return this.peer.invoke(channel, ...cloned);
  }

  public send(channel: string, ...args: unknown[]): void {
    const cloned = args.map((a) => structuredClone(a));
    this.sentMessages.push({ channel, args: cloned });
    this.peer.send(channel, ...cloned);
  }

  /** Main sends an event to this page. */
  public deliver(channel: string, ...args: unknown[]): void {
    const event: IpcRendererEventDouble = { sender: this, senderId: 0, ports: [] };
    this.emit(channel, event, ...args.map((a) => structuredClone(a)));
  }
}

/**
 * contextBridge: what crosses into the page is a copy — plain data cloned, functions wrapped so the page
 * can call them but never reach the preload's objects, prototypes dropped — as Electron's bridge does.
 */
export class ContextBridgeDouble implements Pick<Electron.ContextBridge, 'exposeInMainWorld'> {
  /** What the preload handed over, before the copy (to look for leaks). */
  public readonly exposed = new Map<string, unknown>();

  public constructor(private readonly mainWorld: Record<string, unknown>) {}

  public exposeInMainWorld(apiKey: string, api: unknown): void {
    if (this.exposed.has(apiKey) || apiKey in this.mainWorld) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    this.exposed.set(apiKey, api);
    Object.defineProperty(this.mainWorld, apiKey, { value: bridgeCopy(api, new Map()), enumerable: true, writable: false, configurable: false });
  }
}

function bridgeCopy(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]): unknown => bridgeCopy(fn(...args.map((a) => bridgeCopy(a, new Map()))), new Map());
  }
  if (value === null || typeof value !== 'object') return value;
  // Promises from the preload's world (another realm: instanceof would miss them) cross as promises.
  if (typeof (value as { then?: unknown }).then === 'function') return Promise.resolve(value as PromiseLike<unknown>).then((v) => bridgeCopy(v, new Map()));
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(bridgeCopy(v, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const key of Object.keys(value)) out[key] = bridgeCopy((value as Record<string, unknown>)[key], seen);
  return out;
}

export class WebFrameDouble implements Pick<Electron.WebFrame, 'getZoomFactor' | 'setZoomFactor'> {
  private zoom = 1;
  public getZoomFactor(): number {
    return this.zoom;
  }
  public setZoomFactor(factor: number): void {
    this.zoom = factor;
  }
}

/** The modules a sandboxed preload may require (Electron docs, "Sandboxed preload scripts"). */
export const SANDBOX_MODULES = ['electron', 'events', 'timers', 'url'] as const;

export function createRendererDouble(peer: IpcPeer, mainWorld: Record<string, unknown>) {
  const ipcRenderer = new IpcRendererDouble(peer);
  const contextBridge = new ContextBridgeDouble(mainWorld);
  const webFrame = new WebFrameDouble();
  return { ipcRenderer, contextBridge, webFrame, electronModule: { ipcRenderer, contextBridge, webFrame } };
}
