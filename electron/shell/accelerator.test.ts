import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseAccelerator } from './accelerator';

const ok = (text: string, platform: NodeJS.Platform = 'linux') => {
  const result = parseAccelerator(text, platform);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.error}`);
  return result.value;
};
const reason = (text: string, platform: NodeJS.Platform = 'linux') => {
  const result = parseAccelerator(text, platform);
  if (result.ok) throw new Error(`expected ${text} to be refused`);
  return result.error;
};

describe('accelerator parser', () => {
  it('spells accelerators one way, whatever case and aliases were typed', () => {
    expect(ok('cmdorctrl+shift+p').accelerator).toBe('CommandOrControl+Shift+P');
    expect(ok('Shift+Ctrl+alt+right').accelerator).toBe('Control+Alt+Shift+Right');
    expect(ok('Option+Meta+f5').accelerator).toBe('Alt+Super+F5');
    expect(ok('Ctrl+enter').key).toBe('Return');
    expect(ok('Ctrl+Esc').key).toBe('Escape');
    expect(ok('Ctrl++').key).toBe('Plus');
    expect(ok('Ctrl+Plus').accelerator).toBe('Control+Plus');
    expect(ok('Alt+num5').key).toBe('num5');
  });

  it('resolves CommandOrControl per platform to find conflicts', () => {
    expect(ok('CmdOrCtrl+Shift+P', 'linux').identity).toBe(ok('Ctrl+Shift+P', 'linux').identity);
    expect(ok('CmdOrCtrl+Shift+P', 'darwin').identity).toBe(ok('Cmd+Shift+P', 'darwin').identity);
    expect(ok('CmdOrCtrl+Shift+P', 'darwin').identity).not.toBe(ok('Ctrl+Shift+P', 'darwin').identity);
  });

  it('on macOS, Super, Meta, Cmd, Command and CommandOrControl are one key', () => {
    const spellings = ['Super+Shift+P', 'Meta+Shift+P', 'Cmd+Shift+P', 'Command+Shift+P', 'CommandOrControl+Shift+P', 'CmdOrCtrl+Shift+P'];
    const identities = new Set(spellings.map((s) => ok(s, 'darwin').identity));
    expect([...identities]).toEqual(['Command+Shift+P']);
    expect(ok('Super+Shift+P', 'darwin').identity).not.toBe(ok('Ctrl+Shift+P', 'darwin').identity);
    for (const twice of ['Super+Command+P', 'Meta+Cmd+P', 'CommandOrControl+Super+P', 'CmdOrCtrl+Cmd+P']) {
      expect(reason(twice, 'darwin')).toMatch(/same modifier/);
    }
    expect(ok('Ctrl+Cmd+P', 'darwin').identity).toBe('Command+Control+P');
  });

  it('on Windows and Linux, Super is its own key and CommandOrControl is Control', () => {
    for (const platform of ['linux', 'win32'] as const) {
      expect(ok('Super+Shift+P', platform).identity).toBe(ok('Meta+Shift+P', platform).identity);
      expect(ok('Super+Shift+P', platform).identity).not.toBe(ok('CmdOrCtrl+Shift+P', platform).identity);
      expect(ok('CmdOrCtrl+Super+P', platform).identity).toBe('Control+Super+P');
      expect(reason('CmdOrCtrl+Control+P', platform)).toMatch(/same modifier/);
      expect(reason('Super+Meta+P', platform)).toMatch(/twice/);
    }
  });

  it('lets media, volume and F13–F24 keys stand alone, nothing else', () => {
    expect(ok('MediaPlayPause').isMediaKey).toBe(true);
    expect(ok('volumeup').accelerator).toBe('VolumeUp');
    expect(ok('F13').accelerator).toBe('F13');
    expect(reason('P')).toMatch(/needs a modifier/);
    expect(reason('F5')).toMatch(/needs a modifier/);
    expect(reason('Shift+P')).toMatch(/Shift alone/);
  });

  it('says what is wrong with a bad accelerator', () => {
    expect(reason('')).toMatch(/empty/);
    expect(reason('Ctrl+')).toMatch(/empty part/);
    expect(reason('Ctrl+Shift')).toMatch(/needs a key/);
    expect(reason('Ctrl+A+B')).toMatch(/one key/);
    expect(reason('Hyper+A')).toMatch(/not a modifier/);
    expect(reason('Ctrl+Banana')).toMatch(/not a key/);
    expect(reason('Ctrl+Control+A')).toMatch(/twice/);
    expect(reason('Cmd+A', 'win32')).toMatch(/only on macOS/);
    expect(reason('CmdOrCtrl+Ctrl+A', 'linux')).toMatch(/CommandOrControl means Control here/);
    expect(reason('Ctrl+MediaNextTrack')).toMatch(/Media keys/);
    expect(reason(`Ctrl+${'A'.repeat(70)}`)).toMatch(/too long/);
  });

  it('never throws, and whatever it accepts parses again to itself', () => {
    const token = fc.oneof(
      fc.constantFrom('Ctrl', 'cmdorctrl', 'Alt', 'Shift', 'Super', 'Cmd', 'AltGr', 'P', 'f5', 'F13', 'Plus', 'MediaStop', 'Up', 'num1', '+', ''),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 5 }), fc.constantFrom<NodeJS.Platform>('linux', 'darwin', 'win32'), (tokens, platform) => {
        const result = parseAccelerator(tokens.join('+'), platform);
        if (!result.ok) return typeof result.error === 'string' && result.error.length > 0;
        const again = parseAccelerator(result.value.accelerator, platform);
        return again.ok && again.value.accelerator === result.value.accelerator && again.value.identity === result.value.identity;
      }),
      { numRuns: 2000 },
    );
  });
});
