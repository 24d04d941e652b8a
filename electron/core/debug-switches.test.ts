import { describe, expect, it } from 'vitest';

import { debugLaunchRefusal } from './debug-switches';

const exe = '/opt/Trayplay/trayplay';

describe('a packaged build refuses to start with debugging switches or TLS checks off', () => {
  it('names each debugging switch in argv (either spelling of a value, any case on Windows)', () => {
    for (const arg of ['--remote-debugging-port=9222', '--remote-debugging-port', '--remote-debugging-pipe', '--inspect', '--inspect=0', '--inspect-brk=9229', '--inspect-port=1', '-inspect']) {
      expect(debugLaunchRefusal({ argv: [exe, arg], env: {}, packaged: true, platform: 'linux' }), arg).toEqual({ reasons: [arg.replace(/^-+/, '--').replace(/=.*$/, '')] });
    }
    expect(debugLaunchRefusal({ argv: [exe, '/REMOTE-DEBUGGING-PORT=1'], env: {}, packaged: true, platform: 'win32' })).toEqual({ reasons: ['--remote-debugging-port'] });
  });

  it('names NODE_TLS_REJECT_UNAUTHORIZED unless it keeps checks on', () => {
    expect(debugLaunchRefusal({ argv: [exe], env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' }, packaged: true, platform: 'linux' })).toEqual({ reasons: ['NODE_TLS_REJECT_UNAUTHORIZED'] });
    expect(debugLaunchRefusal({ argv: [exe], env: { NODE_TLS_REJECT_UNAUTHORIZED: 'false' }, packaged: true, platform: 'linux' })).toEqual({ reasons: ['NODE_TLS_REJECT_UNAUTHORIZED'] });
    expect(debugLaunchRefusal({ argv: [exe], env: { NODE_TLS_REJECT_UNAUTHORIZED: '1' }, packaged: true, platform: 'linux' })).toBeNull();
  });

  it('lets ordinary arguments, URLs and anything after "--" through; unpackaged runs are never refused', () => {
    expect(debugLaunchRefusal({ argv: [exe, '--hidden', 'trayplay://callback?code=x', '--next'], env: {}, packaged: true, platform: 'linux' })).toBeNull();
    expect(debugLaunchRefusal({ argv: [exe, '--', '--inspect'], env: {}, packaged: true, platform: 'linux' })).toBeNull();
    expect(debugLaunchRefusal({ argv: [exe, '--inspect=0', '--remote-debugging-port=0'], env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' }, packaged: false, platform: 'linux' })).toBeNull();
  });
});
