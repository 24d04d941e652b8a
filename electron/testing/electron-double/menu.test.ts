// The menu double builds and clicks templates the way Electron 45's lib/browser/api/menu.ts and
// menu-item.ts do, so a template the real app would refuse (or render differently) shows up here.
import { describe, expect, it } from 'vitest';

import { createMenuModule, menuRows } from './menu';
import { DEFAULT_RUNTIME, Runtime } from './runtime';

const build = (template: unknown[]) => createMenuModule(new Runtime(DEFAULT_RUNTIME)).Menu.buildFromTemplate(template as Electron.MenuItemConstructorOptions[]);

describe('Menu double, as Electron 45', () => {
  it('refuses an item without an own label or role unless it is a separator (a type alone is not enough)', () => {
    expect(() => build([{ type: 'checkbox' }])).toThrow('Invalid template for MenuItem: must have at least one of label, role or type');
    expect(() => build([{ visible: true }])).toThrow('must have at least one of label, role or type');
    expect(() => build([{ label: undefined }, { role: 'quit' }, { type: 'separator' }])).not.toThrow();
  });

  it('refuses an unknown type and a submenu type without a submenu', () => {
    expect(() => build([{ label: 'x', type: 'bogus' }])).toThrow('Unknown menu item type: bogus');
    expect(() => build([{ label: 'x', type: 'submenu' }])).toThrow('Invalid submenu');
  });

  it('does not refuse a click that is not a function (Electron ignores it)', () => {
    const menu = build([{ label: 'x', click: 'nope' }]);
    expect(() => menu.items[0]!.click()).not.toThrow();
  });

  it('folds adjacent separators and drops the leading and trailing ones', () => {
    const menu = build([{ type: 'separator' }, { label: 'a' }, { type: 'separator' }, { type: 'separator' }, { label: 'b' }, { type: 'separator' }]);
    expect(menuRows(menu).map((r) => r.type + ':' + r.label)).toEqual(['normal:a', 'separator:', 'normal:b']);
  });

  it('a radio click checks the item and unchecks the others of its group (between separators), even if it was checked', () => {
    const menu = build([
      { label: 'a', type: 'radio', checked: true },
      { label: 'b', type: 'radio' },
      { type: 'separator' },
      { label: 'c', type: 'radio', checked: true },
    ]);
    const [a, b, , c] = menu.items;
    b!.click();
    expect([a!.checked, b!.checked, c!.checked]).toEqual([false, true, true]);
    b!.click();
    expect(b!.checked).toBe(true);
  });
});
