// `Tray`: not before `ready`, nothing after `destroy()`, menu and tooltip recorded; Linux-only limits kept.
import { EventEmitter } from 'node:events';

import type { MenuDouble } from './menu';
import type { NativeImageDouble } from './native-image';
import type { Runtime } from './runtime';

type TrayKeys = 'setToolTip' | 'setTitle' | 'getTitle' | 'destroy' | 'isDestroyed' | 'getBounds' | 'setIgnoreDoubleClickEvents' | 'getIgnoreDoubleClickEvents' | 'focus';

export interface TrayContext {
  readonly runtime: Runtime;
  readonly imageFromPath: (path: string) => NativeImageDouble;
  readonly trays: TrayDouble[];
}

export class TrayDouble extends EventEmitter implements Pick<Electron.Tray, TrayKeys> {
  public image: NativeImageDouble;
  public contextMenu: MenuDouble | null = null;
  /** The menu last shown by `popUpContextMenu` (macOS apps pop theirs up on right-click instead of setting it). */
  public poppedUp: MenuDouble | null = null;
  public toolTip = '';
  /** How many times the menu was set: Linux shows a changed item only after `setContextMenu` again. */
  public menuSets = 0;
  private title = '';
  private destroyed = false;
  private ignoreDoubleClick = false;

  public constructor(
    private readonly ctx: TrayContext,
    image: NativeImageDouble | string,
    guid?: string,
  ) {
    super();
    const { runtime, imageFromPath: createdImage, trays } = ctx;
    runtime.record('Tray', 'new', [typeof image === 'string' ? image : image.source, guid]);
    runtime.requireReady('Tray', 'Cannot create Tray before app is ready');
    this.image = typeof image === 'string' ? createdImage(image) : image;
    trays.push(this);
  }

  public setContextMenu(menu: MenuDouble | null): void {
    this.alive();
    this.ctx.runtime.record('Tray', 'setContextMenu');
    this.contextMenu = menu;
    this.menuSets += 1;
  }
  /** macOS and Windows; the menu shown is recorded. */
  public popUpContextMenu(menu?: MenuDouble): void {
    this.alive();
    this.ctx.runtime.record('Tray', 'popUpContextMenu', [menu ? 'menu' : 'own']);
    this.poppedUp = menu ?? this.contextMenu;
  }
  public setToolTip(toolTip: string): void {
    this.alive();
    this.toolTip = toolTip;
  }
  public setImage(image: NativeImageDouble | string): void {
    this.alive();
    this.image = typeof image === 'string' ? this.ctx.imageFromPath(image) : image;
  }
  /** macOS only; elsewhere Electron ignores it (the getter still answers). */
  public setTitle(title: string): void {
    this.alive();
    if (this.ctx.runtime.options.platform === 'darwin') this.title = title;
  }
  public getTitle(): string {
    this.alive();
    return this.title;
  }
  public getBounds(): Electron.Rectangle {
    this.alive();
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  public setIgnoreDoubleClickEvents(ignore: boolean): void {
    this.ignoreDoubleClick = ignore;
  }
  public getIgnoreDoubleClickEvents(): boolean {
    return this.ignoreDoubleClick;
  }
  public focus(): void {
    this.alive();
  }
  public destroy(): void {
    this.ctx.runtime.record('Tray', 'destroy');
    this.destroyed = true;
    this.contextMenu = null;
    this.poppedUp = null;
  }
  public isDestroyed(): boolean {
    return this.destroyed;
  }

  /** A user's click where the platform delivers one (Linux hosts may open the menu instead). */
  public userClick(): void {
    this.alive();
    this.emit('click', {}, { x: 0, y: 0, width: 0, height: 0 }, { x: 0, y: 0 });
  }

  /** A user's right-click (macOS, Windows): the menu the app pops up for it, or the one it set. */
  public userRightClick(): MenuDouble | null {
    this.alive();
    this.poppedUp = null;
    this.emit('right-click', {}, { x: 0, y: 0, width: 0, height: 0 });
    return this.poppedUp ?? this.contextMenu;
  }

  private alive(): void {
    if (this.destroyed) this.ctx.runtime.fail('Tray', 'Tray is destroyed');
  }
}

export interface TrayConstructor {
  new (image: NativeImageDouble | string, guid?: string): TrayDouble;
}

export function createTrayModule(runtime: Runtime, imageFromPath: (path: string) => NativeImageDouble): { Tray: TrayConstructor; trays: TrayDouble[] } {
  const ctx: TrayContext = { runtime, imageFromPath, trays: [] };
  const Tray: TrayConstructor = class extends TrayDouble {
    public constructor(image: NativeImageDouble | string, guid?: string) {
      super(ctx, image, guid);
    }
  };
  return { Tray, trays: ctx.trays };
}
