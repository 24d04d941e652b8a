import type { GlobalShortcuts } from '../../ports/global-shortcuts';

/**
 * A `globalShortcut` stand-in with Electron's documented behaviour: `register` returns false for an accelerator
 * another application holds (`heldElsewhere`) or one this app already registered, and throws for ones it
 * cannot parse (`throwsFor`). As in Electron, `isRegistered` answers from the app's own bookkeeping, not the
 * OS: `dropAll` plays the OS losing its grabs across sleep while the bookkeeping still says "registered", so
 * only unregister + register brings a key back. `press` plays a key press (delivered only while grabbed).
 */
export class FakeShortcuts implements GlobalShortcuts {
  public readonly heldElsewhere = new Set<string>();
  public readonly throwsFor = new Set<string>();
  public readonly calls: string[] = [];
  /** Electron's bookkeeping: what `isRegistered` reports. */
  private readonly mine = new Map<string, () => void>();
  /** What the OS actually delivers. */
  private readonly grabbed = new Set<string>();

  public register(accelerator: string, callback: () => void): boolean {
    this.calls.push(`register ${accelerator}`);
    if (this.throwsFor.has(accelerator)) throw new TypeError(`Failed to parse accelerator: ${accelerator}`);
    if (this.heldElsewhere.has(accelerator) || this.mine.has(accelerator)) return false;
    this.mine.set(accelerator, callback);
    this.grabbed.add(accelerator);
    return true;
  }

  public unregister(accelerator: string): void {
    this.calls.push(`unregister ${accelerator}`);
    this.mine.delete(accelerator);
    this.grabbed.delete(accelerator);
  }

  public isRegistered(accelerator: string): boolean {
    return this.mine.has(accelerator);
  }

  public registeredAccelerators(): string[] {
    return [...this.mine.keys()].sort();
  }

  /** Whether a press of this accelerator reaches Trayplay (registered and still grabbed from the OS). */
  public delivers(accelerator: string): boolean {
    return this.mine.has(accelerator) && this.grabbed.has(accelerator);
  }

  /** A key press: true if it reached Trayplay's callback. */
  public press(accelerator: string): boolean {
    const callback = this.mine.get(accelerator);
    if (!callback || !this.grabbed.has(accelerator)) return false;
    callback();
    return true;
  }

  public dropAll(): void {
    this.grabbed.clear();
  }
}
