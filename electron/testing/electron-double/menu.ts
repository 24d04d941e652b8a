// `Menu`/`MenuItem` from templates, validated as Electron validates them; items can be clicked by tests.
import { EventEmitter } from 'node:events';
import type { Runtime } from './runtime';

type Template = Electron.MenuItemConstructorOptions | MenuItemDouble;

/** MenuItem.types in Electron's menu-item.ts. */
const ITEM_TYPES: readonly string[] = ['normal', 'separator', 'submenu', 'checkbox', 'radio', 'header', 'palette'];

/** Electron's areValidTemplateItems: an own `label` or `role`, or a separator (a type alone does not do). */
const validItem = (item: unknown): boolean =>
  item !== null &&
  typeof item === 'object' &&
  (Object.hasOwn(item, 'label') || Object.hasOwn(item, 'role') || (item as { type?: unknown }).type === 'separator');

/** Electron's removeExtraSeparators: adjacent separators fold into one, then edge ones go (hidden items stay). */
function removeExtraSeparators(items: readonly Template[]): Template[] {
  const folded = items.filter((e, i, all) => e.visible === false || e.type !== 'separator' || i === 0 || all[i - 1]!.type !== 'separator');
  return folded.filter((e, i, all) => e.visible === false || e.type !== 'separator' || (i !== 0 && i !== all.length - 1));
}

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

  /** The radio items of this one's group (its run between separators), once appended to a menu. */
  public radioGroup: MenuItemDouble[] | null = null;

  public constructor(runtime: Runtime, options: Electron.MenuItemConstructorOptions) {
    const sub = options.submenu;
    this.submenu = sub === undefined || sub === null ? null : sub instanceof MenuDouble ? sub : MenuDouble.fromTemplate(runtime, sub as Template[]);
    this.type = options.type ?? (this.submenu ? 'submenu' : 'normal');
    if (this.type === 'submenu' && this.submenu === null) runtime.fail('MenuItem', 'Invalid submenu');
    if (!ITEM_TYPES.includes(this.type)) runtime.fail('MenuItem', `Unknown menu item type: ${String(this.type)}`);
    this.label = options.label ?? '';
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.checked = options.checked ?? false;
    this.id = options.id ?? '';
    this.toolTip = options.toolTip ?? '';
    this.sublabel = options.sublabel ?? '';
    this.role = options.role;
    this.accelerator = typeof options.accelerator === 'string' ? options.accelerator : undefined;
    this.onClick = options.click;
  }

  /**
   * What a user's click does: disabled items do nothing (the OS greys them out). A checkbox flips; a radio
   * item is checked and its group unchecked (Electron's radio `checked` setter ignores the value it is given).
   * A click that is not a function is ignored, as Electron ignores it.
   */
  public click(): void {
    if (!this.enabled || !this.visible) return;
    if (this.type === 'checkbox') this.checked = !this.checked;
    if (this.type === 'radio') {
      for (const other of this.radioGroup ?? []) other.checked = false;
      this.checked = true;
    }
    if (typeof this.onClick === 'function') this.onClick(this as unknown as Electron.MenuItem, undefined, {});
  }
}

export class MenuDouble extends EventEmitter {
  public readonly items: MenuItemDouble[] = [];

  public static fromTemplate(runtime: Runtime, template: readonly Template[]): MenuDouble {
    const given: unknown = template;
    if (!Array.isArray(given)) runtime.fail('Menu.buildFromTemplate', 'Invalid template for Menu: Menu template must be an array', 'TypeError');
    if (!template.every(validItem)) runtime.fail('Menu.buildFromTemplate', 'Invalid template for MenuItem: must have at least one of label, role or type', 'TypeError');
    const menu = new MenuDouble();
    for (const entry of removeExtraSeparators(template)) menu.append(entry instanceof MenuItemDouble ? entry : new MenuItemDouble(runtime, entry));
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
    // Electron's generateGroupId: a radio item joins the nearest radio item above it, up to a separator.
    if (item.type === 'radio') {
      let group: MenuItemDouble[] | null = null;
      for (let i = this.items.length - 1; i >= 0 && this.items[i]!.type !== 'separator'; i--) {
        if (this.items[i]!.type === 'radio') {
          group = this.items[i]!.radioGroup;
          break;
        }
      }
      item.radioGroup = group ?? [];
      item.radioGroup.push(item);
    }
    this.items.push(item);
  }
}

/** A menu as plain rows, to compare with what the app meant to show. */
export interface MenuRow {
  readonly type: string;
  readonly label: string;
  readonly enabled: boolean;
  readonly checked: boolean;
  /** A submenu's own rows (only on items that have one). */
  readonly submenu?: readonly MenuRow[];
}

export function menuRows(menu: MenuDouble): MenuRow[] {
  return menu.items.map((item) => ({
    type: item.type,
    label: item.label,
    enabled: item.enabled,
    checked: item.checked,
    ...(item.submenu ? { submenu: menuRows(item.submenu) } : {}),
  }));
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
