/// <reference types="electron" />
// State every part of the double shares: the lifecycle (ready or not), the platform it plays, and the
// record of what the app did. Each module takes the runtime instead of reaching for globals.
import { EventEmitter } from 'node:events';

export type Platform = 'linux' | 'darwin' | 'win32';
export type LinuxBackend = 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'basic_text';

/** One thing the app did to Electron, in order. */
export interface Call {
  readonly seq: number;
  readonly api: string;
  readonly method: string;
  readonly args: readonly unknown[];
}

export interface RuntimeOptions {
  readonly platform: Platform;
  /** The Linux secret store Chromium would pick (from the desktop or --password-store). */
  readonly linuxBackend: LinuxBackend;
  /** Key material for safeStorage: the same material decrypts what an earlier run wrote. */
  readonly keyMaterial: string;
  /** safeStorage's `shouldReEncrypt` (the OS rotated its key). */
  readonly keyRotated: boolean;
  /** Accelerators another program holds: `register` returns false for them. */
  readonly takenAccelerators: readonly string[];
  /** macOS: whether the app is a trusted accessibility client (media keys need it). */
  readonly accessibilityTrusted: boolean;
}

export const DEFAULT_RUNTIME: RuntimeOptions = {
  platform: 'linux',
  linuxBackend: 'gnome_libsecret',
  keyMaterial: 'electron-double default key',
  keyRotated: false,
  takenAccelerators: [],
  accessibilityTrusted: true,
};

/** Electron's wording for APIs that need the `ready` event first. */
export class NotReadyError extends Error {}

export class Runtime extends EventEmitter {
  public readonly calls: Call[] = [];
  /**
   * Electron errors the app provoked by misusing an API (too early, a destroyed object, a bad argument),
   * kept even if the app caught them. Failures the OS can cause at any time (a ciphertext that does not
   * decrypt) are `operational` and kept apart: the app must handle those, not avoid them.
   */
  public readonly thrown: { api: string; message: string }[] = [];
  public readonly operational: { api: string; message: string }[] = [];
  private ready = false;
  private seq = 0;

  public constructor(public readonly options: RuntimeOptions) {
    super();
  }

  public isReady(): boolean {
    return this.ready;
  }

  public markReady(): void {
    this.ready = true;
  }

  public record(api: string, method: string, args: readonly unknown[] = []): void {
    const call = { seq: ++this.seq, api, method, args };
    this.calls.push(call);
    this.emit('call', call);
  }

  /** Throws as Electron does, and remembers that the app made it throw. */
  public fail(api: string, message: string, kind: 'Error' | 'TypeError' = 'Error', cause: 'misuse' | 'operational' = 'misuse'): never {
    (cause === 'misuse' ? this.thrown : this.operational).push({ api, message });
    throw kind === 'TypeError' ? new TypeError(message) : new Error(message);
  }

  public requireReady(api: string, message: string): void {
    if (!this.ready) this.fail(api, message);
  }

  public callsTo(api: string, method?: string): Call[] {
    return this.calls.filter((c) => c.api === api && (method === undefined || c.method === method));
  }
}
