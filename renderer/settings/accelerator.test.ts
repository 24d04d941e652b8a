import { describe, expect, it } from 'vitest';

import { describeAccelerator, recordKeyPress, type KeyPress } from './accelerator';

const press = (key: string, code: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('recording a shortcut', () => {
  it('turns a key press with modifiers into an accelerator, the main modifier as CommandOrControl', () => {
    expect(recordKeyPress(press('P', 'KeyP', { ctrlKey: true, shiftKey: true }), 'linux')).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Shift+P',
    });
    expect(recordKeyPress(press('p', 'KeyP', { metaKey: true, altKey: true }), 'darwin')).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Alt+P',
    });
    // The physical key, whatever the layout makes of it with Alt held.
    expect(recordKeyPress(press('π', 'KeyP', { altKey: true, ctrlKey: true }), 'linux')).toMatchObject({ accelerator: 'CommandOrControl+Alt+P' });
    expect(recordKeyPress(press('ArrowRight', 'ArrowRight', { ctrlKey: true, altKey: true }), 'win32')).toMatchObject({
      accelerator: 'CommandOrControl+Alt+Right',
    });
  });

  it('takes function and media keys alone, refuses a plain letter, waits while only modifiers are down', () => {
    expect(recordKeyPress(press('F7', 'F7'), 'linux')).toEqual({ kind: 'accelerator', accelerator: 'F7' });
    expect(recordKeyPress(press('MediaPlayPause', 'MediaPlayPause'), 'linux')).toEqual({ kind: 'accelerator', accelerator: 'MediaPlayPause' });
    expect(recordKeyPress(press('a', 'KeyA'), 'linux').kind).toBe('invalid');
    expect(recordKeyPress(press('A', 'KeyA', { shiftKey: true }), 'linux').kind).toBe('invalid');
    expect(recordKeyPress(press('Control', 'ControlLeft', { ctrlKey: true }), 'linux')).toEqual({ kind: 'incomplete' });
  });

  it('Escape cancels, Backspace clears', () => {
    expect(recordKeyPress(press('Escape', 'Escape'), 'linux')).toEqual({ kind: 'cancel' });
    expect(recordKeyPress(press('Backspace', 'Backspace'), 'linux')).toEqual({ kind: 'clear' });
  });

  it('reads accelerators as people write them', () => {
    expect(describeAccelerator('CommandOrControl+Shift+Alt+P', 'linux')).toBe('Ctrl+Shift+Alt+P');
    expect(describeAccelerator('CommandOrControl+Shift+Alt+Right', 'darwin')).toBe('⌘⇧⌥→');
  });
});
