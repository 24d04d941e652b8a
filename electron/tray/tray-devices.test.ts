import { describe, expect, it } from 'vitest';

import { err, ok, type Result } from '../../shared/result';
import type { Device } from '../../shared/state/now-playing';
import { memorySink, RootLogger } from '../logging/logger';
import { playingTrack, laptop } from '../shell/testing/fake-playback';
import { appStateFixture } from '../testing/app-state-fixture';
import { ManualClock, settle } from '../testing/manual-clock';

import { runTrayAction } from './tray-actions';
import { DEVICES_MIN_INTERVAL_MS, TrayDevices } from './tray-devices';

const log = () => new RootLogger({ sink: memorySink().sink }).scope('tray');

describe('tray devices', () => {
  const setup = () => {
    const clock = new ManualClock();
    let calls = 0;
    let answer: Result<Device[]> = ok([laptop]);
    let changes = 0;
    const devices = new TrayDevices({
      playback: { listDevices: () => (calls++, Promise.resolve(answer)) },
      clock,
      log: log(),
      onChange: () => void changes++,
    });
    return { clock, devices, calls: () => calls, changes: () => changes, answer: (a: typeof answer) => void (answer = a) };
  };

  it('fetches when the account or the active device changes, not on every state change', async () => {
    const t = setup();
    const state = appStateFixture({ playback: { nowPlaying: playingTrack() } });
    t.devices.noteState(state);
    await settle();
    expect(t.calls()).toBe(1);
    expect(t.devices.current()).toEqual([laptop]);
    t.devices.noteState({ ...state, rev: 2, playback: { ...state.playback, nowPlaying: playingTrack({ progressMs: 5 }) } });
    await settle();
    expect(t.calls()).toBe(1);
    t.devices.noteState(appStateFixture({ playback: { nowPlaying: playingTrack({ device: { ...laptop, id: 'd2' } }) } }));
    await settle();
    expect(t.calls()).toBe(2);
    t.devices.noteState(appStateFixture({ auth: { kind: 'signedOut', notice: null } }));
    expect(t.devices.current()).toBeNull();
  });

  it('a menu opening looks again at most every 30 s; a failed lookup keeps the last list', async () => {
    const t = setup();
    await t.devices.refresh();
    await t.devices.refresh();
    expect(t.calls()).toBe(1);
    await t.clock.advance(DEVICES_MIN_INTERVAL_MS);
    t.answer(err('network', 'offline'));
    await t.devices.refresh();
    expect(t.calls()).toBe(2);
    expect(t.devices.current()).toEqual([laptop]);
    expect(t.changes()).toBe(1);
  });
});

describe('tray actions', () => {
  const setup = () => {
    const calls: string[] = [];
    const rec = (name: string, result: Result<null> = ok(null)) => () => (calls.push(name), Promise.resolve(result));
    const deps = {
      dispatch: (command: string, source: string) => (calls.push(`dispatch ${command} ${source}`), Promise.resolve(ok(null))),
      playback: {
        setShuffle: (on: boolean) => (calls.push(`shuffle ${on}`), Promise.resolve(ok(null))),
        setVolume: (p: number) => (calls.push(`volume ${p}`), Promise.resolve(ok(null))),
        transfer: (id: string) => (calls.push(`transfer ${id}`), Promise.resolve(ok(null))),
        cycleRepeat: rec('repeat'),
      },
      auth: { signIn: rec('signIn', err('invalid_client_id', 'Enter a Client ID first')), signOut: rec('signOut'), cancel: rec('cancel') },
      showMain: () => void calls.push('showMain'),
      quit: () => void calls.push('quit'),
      devicesChanged: () => void calls.push('devicesChanged'),
      log: log(),
    };
    return { calls, deps };
  };

  it('sends transport through the dispatcher and the rest to their services', async () => {
    const t = setup();
    for (const action of [
      { type: 'togglePlay' },
      { type: 'next' },
      { type: 'like' },
      { type: 'toggleMini' },
      { type: 'setShuffle', on: true },
      { type: 'setVolume', percent: 25 },
      { type: 'transfer', deviceId: 'd2' },
      { type: 'cycleRepeat' },
      { type: 'signOut' },
      { type: 'quit' },
    ] as const) {
      await runTrayAction(action, t.deps);
    }
    expect(t.calls).toEqual([
      'dispatch playPause tray',
      'dispatch next tray',
      'dispatch like tray',
      'dispatch toggleMini tray',
      'shuffle true',
      'volume 25',
      'transfer d2',
      'devicesChanged',
      'repeat',
      'signOut',
      'quit',
    ]);
  });

  it('sign-in that cannot start opens the account page', async () => {
    const t = setup();
    await runTrayAction({ type: 'signIn' }, t.deps);
    expect(t.calls).toEqual(['signIn', 'showMain']);
  });
});
