import { describe, expect, it } from 'vitest';

import { MemoryStore } from '../adapters/memory-store';
import { DesktopStatusHub } from '../core/desktop-status';
import { memorySink, RootLogger } from '../logging/logger';
import { createSimHarness } from '../player/testing/sim-session';
import { PreferencesStore } from '../settings/preferences-store';
import { ManualClock } from '../testing/manual-clock';

import { startMediaSession } from './media-session-service';
import { trackIdPath } from './metadata';
import { PLAYER_INTERFACE, TRAYPLAY_BUS_NAME } from './mpris-names';
import { FakeMediaBus } from './testing/fake-media-bus';

// Listeners extrapolate Position themselves and re-read it only on Seeked, so every seek asked over MPRIS
// must be announced — small ones too, which a read-side tolerance would swallow.

async function setup() {
  const clock = new ManualClock();
  const h = await createSimHarness({ seed: 7, clock, scenario: { startPlaying: true } });
  h.service.start();
  await clock.advance(0);
  await clock.advance(5_000);
  const bus = new FakeMediaBus();
  const logger = new RootLogger({ sink: memorySink().sink });
  const session = startMediaSession({
    bus,
    playback: h.service,
    preferences: new PreferencesStore(new MemoryStore(), logger.scope('prefs')),
    desktop: new DesktopStatusHub('electron', logger.scope('desktop')),
    clock,
    logger: logger.scope('mpris'),
    raise: null,
    quit: null,
    lookNow: () => h.service.wake('local-hint'),
    hostname: null,
    pid: 1,
  });
  await session.settled();
  const seeked = () => bus.signals.flatMap((s) => (s.kind === 'signal' && s.member === 'Seeked' ? [s.args[0]?.value] : []));
  return { clock, h, bus, seeked };
}

describe('Seeked after a seek asked over MPRIS, while playing', () => {
  for (const offsetUs of [-1_000_000, 1_000_000, -5_000_000]) {
    it(`Seek(${offsetUs / 1e6} s) emits exactly one Seeked at the new position`, async () => {
      const t = await setup();
      expect(t.h.service.getState().nowPlaying).toMatchObject({ kind: 'item', isPlaying: true });
      const position = () => Number(t.bus.read(TRAYPLAY_BUS_NAME, PLAYER_INTERFACE)?.Position?.value);
      const before = position();
      expect(await t.bus.call(TRAYPLAY_BUS_NAME, PLAYER_INTERFACE, 'Seek', [offsetUs])).toMatchObject({ ok: true });
      expect(t.seeked()).toHaveLength(1);
      expect(Math.abs(Number(t.seeked()[0]) - (before + offsetUs))).toBeLessThan(1_000);
      // The engine's confirming read agrees with what was announced: no second Seeked.
      await t.clock.advance(3_000);
      expect(t.seeked()).toHaveLength(1);
    });
  }

  it('SetPosition a second ahead emits Seeked at that position', async () => {
    const t = await setup();
    const np = t.h.service.getState().nowPlaying;
    if (np.kind !== 'item') throw new Error('expected an item');
    const target = Number(t.bus.read(TRAYPLAY_BUS_NAME, PLAYER_INTERFACE)?.Position?.value) + 1_000_000;
    expect(await t.bus.call(TRAYPLAY_BUS_NAME, PLAYER_INTERFACE, 'SetPosition', [trackIdPath(np.item.uri), target])).toMatchObject({ ok: true });
    expect(t.seeked()).toEqual([Math.round(target / 1000) * 1000]);
  });
});
