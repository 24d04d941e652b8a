import type { GlobalShortcuts } from '../../ports/global-shortcuts';

/**
 * A `globalShortcut` stand-in with Electron's documented behaviour: `register` returns false for an accelerator
 * another application holds (`heldElsewhere`) or one this app already registered, and throws for ones it
 * cannot parse (`throwsFor`). `dropAll` plays the OS losing grabs across sleep; `press` plays a key press.
 */
export class FakeShortcuts implements GlobalShortcuts {
  public readonly heldElsewhere = new Set<string>();
  public readonly throwsFor = new Set<string>();
  public readonly calls: string[] = [];
  private readonly mine = new Map<string, () => void>();

  public register(accelerator: string, callback: () => void): boolean {
    this.calls.push(`register ${accelerator}`);
    if (this.throwsFor.has(accelerator)) throw new TypeError(`Failed to parse accelerator: ${accelerator}`);
    if (this.heldElsewhere.has(accelerator) || this.mine.has(accelerator)) return false;
    this.mine.set(accelerator, callback);
    return true;
  }

  public unregister(accelerator: string): void {
    this.calls.push(`unregister ${accelerator}`);
    this.mine.delete(accelerator);
  }

  public isRegistered(accelerator: string): boolean {
    return this.mine.has(accelerator);
  }

  public registeredAccelerators(): string[] {
    return [...this.mine.keys()].sort();
  }

  public press(accelerator: string): void {
    const callback = this.mine.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  }

  public dropAll(): void {
    this.mine.clear();
  }
}
