// `Menu`/`MenuItem` from templates, validated as Electron validates them; items can be clicked by tests.
import { EventEmitter } from 'node:events';
import type { Runtime } from './runtime';

type Template = Electron.MenuItemConstructorOptions | MenuItemDouble;

export class MenuItemDouble implements Pick<Electron.MenuItem, 'label' | 'type' | 'enabled' | 'visible' | 'checked' | 'id' | 'toolTip' | 'sublabel'> {
  public label: string;
  public type: Electron.MenuItem['type'];
  public enabled: boolean;
  public visible: boolean;
  public checked: boolean;
  public id: string;
  public toolTip: string;
  public sublabel: string;
  public readonly role: Electron.MenuItemConstructorOptions['role'] | undefined;
  public readonly accelerator: string | undefined;
  public readonly submenu: MenuDouble | null;
  private readonly onClick: Electron.MenuItemConstructorOptions['click'];

  public constructor(runtime: Runtime, options: Electron.MenuItemConstructorOptions) {
    if (options.label === undefined && options.role === undefined && options.type === undefined) {
      runtime.fail('MenuItem', 'Invalid template for MenuItem: must have at least one of label, role or type');
    }
    if (options.click !== undefined && typeof options.click !== 'function') runtime.fail('MenuItem', 'Invalid template for MenuItem: click must be a function');
    this.label = options.label ?? '';
    this.type = options.type ?? (options.submenu ? 'submenu' : 'normal');
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.checked = options.checked ?? false;
    this.id = options.id ?? '';
    this.toolTip = options.toolTip ?? '';
    this.sublabel = options.sublabel ?? '';
    this.role = options.role;
    this.accelerator = typeof options.accelerator === 'string' ? options.accelerator : undefined;
    this.onClick = options.click;
    const sub = options.submenu;
    this.submenu = sub === undefined ? null : sub instanceof MenuDouble ? sub : MenuDouble.fromTemplate(runtime, sub as Template[]);
  }

  /** What a user's click does: disabled items do nothing (the OS greys them out). */
  public click(): void {
    if (!this.enabled || !this.visible) return;
    if (this.type === 'checkbox') this.checked = !this.checked;
    this.onClick?.(this as unknown as Electron.MenuItem, undefined, {});
  }
}

export class MenuDouble extends EventEmitter {
  public readonly items: MenuItemDouble[] = [];

  public static fromTemplate(runtime: Runtime, template: readonly Template[]): MenuDouble {
    const given: unknown = template;
    if (!Array.isArray(given)) runtime.fail('Menu.buildFromTemplate', 'Invalid template for Menu: Menu template must be an array', 'TypeError');
    const menu = new MenuDouble();
    for (const entry of template) menu.items.push(entry instanceof MenuItemDouble ? entry : new MenuItemDouble(runtime, entry));
    return menu;
  }

  public getMenuItemById(id: string): MenuItemDouble | null {
    for (const item of this.items) {
      if (item.id === id) return item;
      const inner = item.submenu?.getMenuItemById(id);
      if (inner) return inner;
    }
    return null;
  }

  public append(item: MenuItemDouble): void {
    this.items.push(item);
  }
}

/** A menu as plain rows, to compare with what the app meant to show. */
export interface MenuRow {
  readonly type: string;
  readonly label: string;
  readonly enabled: boolean;
}

export function menuRows(menu: MenuDouble): MenuRow[] {
  return menu.items.map((item) => ({ type: item.type, label: item.label, enabled: item.enabled }));
}

export interface MenuStatics {
  new (): MenuDouble;
  buildFromTemplate(template: readonly Template[]): MenuDouble;
  setApplicationMenu(menu: MenuDouble | null): void;
  getApplicationMenu(): MenuDouble | null;
}

export interface MenuItemConstructor {
  new (options: Electron.MenuItemConstructorOptions): MenuItemDouble;
}

export function createMenuModule(runtime: Runtime): { Menu: MenuStatics; MenuItem: MenuItemConstructor } {
  let applicationMenu: MenuDouble | null = null;
  const Menu: MenuStatics = class extends MenuDouble {
    public static buildFromTemplate(template: readonly Template[]): MenuDouble {
      runtime.record('Menu', 'buildFromTemplate', [Array.isArray(template) ? template.length : template]);
      return MenuDouble.fromTemplate(runtime, template);
    }
    public static setApplicationMenu(menu: MenuDouble | null): void {
      runtime.record('Menu', 'setApplicationMenu', [menu === null ? null : 'menu']);
      applicationMenu = menu;
    }
    public static getApplicationMenu(): MenuDouble | null {
      return applicationMenu;
    }
  };
  const MenuItem: MenuItemConstructor = class extends MenuItemDouble {
    public constructor(options: Electron.MenuItemConstructorOptions) {
      super(runtime, options);
    }
  };
  return { Menu, MenuItem };
}
