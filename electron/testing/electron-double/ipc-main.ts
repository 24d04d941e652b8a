// `ipcMain`: one handler per invoke channel (a second `handle` throws, as in Electron), listeners for
// `send`. Tests play renderer calls through `invoke`/`send` with a chosen sender and frame.
import { EventEmitter } from 'node:events';

import type { Runtime } from './runtime';
import type { WebContentsDouble, WebFrameMainDouble } from './web-contents';

type InvokeHandler = (event: IpcMainInvokeEventDouble, ...args: unknown[]) => unknown;

export interface IpcMainEventDouble {
  readonly type: 'frame';
  readonly sender: WebContentsDouble;
  readonly senderFrame: WebFrameMainDouble | null;
  readonly frameId: number;
  readonly processId: number;
  returnValue: unknown;
  reply(channel: string, ...args: unknown[]): void;
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export type IpcMainInvokeEventDouble = Omit<IpcMainEventDouble, 'returnValue' | 'reply'>;

export class IpcMainDouble extends EventEmitter implements Pick<Electron.IpcMain, 'removeHandler'> {
  public readonly handlers = new Map<string, InvokeHandler>();

  public constructor(private readonly runtime: Runtime) {
    super();
    // Electron's own: ipcMain swallows 'error' so a bad message cannot crash main (lib/browser/ipc-main-impl.ts).
    this.on('error', () => undefined);
  }

  public handle(channel: string, listener: InvokeHandler): void {
    this.runtime.record('ipcMain', 'handle', [channel]);
    if (this.handlers.has(channel)) this.runtime.fail('ipcMain.handle', `Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  public handleOnce(channel: string, listener: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.handlers.delete(channel);
      return listener(event, ...args);
    });
  }

  public removeHandler(channel: string): void {
    this.runtime.record('ipcMain', 'removeHandler', [channel]);
    this.handlers.delete(channel);
  }

  public override removeAllListeners(eventName?: string | symbol): this {
    this.runtime.record('ipcMain', 'removeAllListeners', [eventName]);
    return super.removeAllListeners(eventName);
  }

  /** Channels with `on` listeners (what `ipcRenderer.send` reaches). */
  public listenedChannels(): string[] {
    return this.eventNames().filter((n): n is string => typeof n === 'string' && this.listenerCount(n) > 0);
  }

  /**
   * A renderer's `ipcRenderer.invoke`: the payload crosses by structured clone, an unhandled channel rejects
   * with Electron's message, a thrown handler rejects the renderer's promise.
   */
  public async invoke(sender: WebContentsDouble, frame: WebFrameMainDouble | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = makeEvent(sender, frame);
    const result: unknown = await handler(event, ...args.map((a) => structuredClone(a)));
    return structuredClone(result);
  }

  /** A renderer's `ipcRenderer.send`. */
  public send(sender: WebContentsDouble, frame: WebFrameMainDouble | null, channel: string, ...args: unknown[]): void {
    this.emit(channel, makeEvent(sender, frame), ...args.map((a) => structuredClone(a)));
  }
}

function makeEvent(sender: WebContentsDouble, frame: WebFrameMainDouble | null): IpcMainEventDouble {
  let prevented = false;
  return {
    type: 'frame',
    sender,
    senderFrame: frame,
    frameId: frame?.routingId ?? 0,
    processId: frame?.processId ?? 0,
    returnValue: undefined,
    reply: (channel, ...args) => sender.send(channel, ...args),
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}
