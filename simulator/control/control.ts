import type { SimContext } from '../context';
import { noFaults } from '../context';
import type { ExternalAction, Fault, PlayingKind, Scenario, SimEvent, SimulatorControl, TrackBoundary, WorldState } from '../types';
import type { CommandResult } from '../world/playback';
import { progressOf } from '../world/clock';

// Programmatic control: the same operations as /__control. External actions stand for the user acting on
// another device, so they bypass auth, counters and rate limits.

export interface ControlDeps {
  ctx: SimContext;
  counters: Map<string, number>;
  /** Offset added to the injected clock by advanceClock(). */
  advance(ms: number): void;
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

function check(result: CommandResult): void {
  if (!result.ok) throw new Error(`external action refused: ${result.reason}`);
}

export function createControl(deps: ControlDeps): SimulatorControl {
  const { ctx } = deps;
  const playback = ctx.playback;

  function deviceOrThrow(id: string): NonNullable<ReturnType<typeof playback.device>> {
    const device = playback.device(id);
    if (!device) throw new Error(`unknown device ${id}`);
    return device;
  }

  async function decide(authorizeUrl: string, action: 'approve' | 'cancel'): Promise<string> {
    const page = await deps.fetch(authorizeUrl);
    if (page.status === 302) return page.headers.get('location') ?? '';
    const html = await page.text();
    const txn = /name="txn" value="([^"]+)"/.exec(html)?.[1];
    if (page.status !== 200 || txn === undefined) throw new Error(`authorize page refused (${page.status}): ${html.replace(/<[^>]+>/g, ' ').trim()}`);
    const origin = new URL(authorizeUrl).origin;
    const decision = await deps.fetch(`${origin}/authorize/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ txn, action }).toString(),
    });
    const location = decision.headers.get('location');
    if (decision.status !== 302 || location === null) throw new Error(`consent decision failed (${decision.status})`);
    return location;
  }

  return {
    setScenario(partial: Partial<Scenario>): void {
      if (partial.quota !== undefined && partial.quota !== ctx.scenario.quota) ctx.quotaUsed = 0;
      if (partial.rateLimitPer30s !== undefined) ctx.window.length = 0;
      Object.assign(ctx.scenario, partial);
    },
    scenario: () => ({ ...ctx.scenario }),
    advanceClock(ms: number): void {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('advanceClock needs a non-negative number of ms');
      deps.advance(ms);
    },
    externalAction(action: ExternalAction): void {
      const now = ctx.now();
      switch (action.type) {
        case 'pause': {
          const r = playback.pause(now, 'external');
          if (!r.ok && r.reason !== 'ALREADY_PAUSED') check(r);
          return;
        }
        case 'resume':
          return check(playback.resume(now, 'external'));
        case 'next':
          return check(playback.next(now, 'external'));
        case 'previous':
          return check(playback.previous(now, 'external'));
        case 'seek':
          return check(playback.seek(now, action.positionMs, 'external'));
        case 'transfer':
          return check(playback.transfer(now, deviceOrThrow(action.deviceId), action.play, 'external'));
        case 'play': {
          if (action.deviceId !== undefined) check(playback.transfer(now, deviceOrThrow(action.deviceId), undefined, 'external'));
          else if (!playback.activeDevice()) {
            const first = playback.devices[0];
            if (first) check(playback.transfer(now, first, undefined, 'external'));
          }
          return check(
            playback.play(
              now,
              {
                ...(action.contextUri === undefined ? {} : { contextUri: action.contextUri }),
                ...(action.uris === undefined ? {} : { uris: action.uris }),
                ...(action.offset === undefined ? {} : { offsetPosition: action.offset }),
                ...(action.positionMs === undefined ? {} : { positionMs: action.positionMs }),
              },
              'external',
            ),
          );
        }
        case 'shuffle':
          return check(playback.setShuffle(now, action.state, 'external'));
        case 'repeat':
          return check(playback.setRepeat(now, action.state, 'external'));
        case 'volume': {
          const device = playback.activeDevice();
          if (!device) throw new Error('external action refused: NO_ACTIVE_DEVICE');
          // On the device itself the user can always change the volume.
          device.volumePercent = action.percent;
          return;
        }
        case 'privateSession':
          return playback.setPrivateSession(now, deviceOrThrow(action.deviceId), action.on);
        case 'disconnect':
          return playback.disconnect(now, 'external');
      }
    },
    setPlaying(kind: PlayingKind): void {
      playback.setPlaying(ctx.now(), kind);
    },
    injectFault(fault: Fault): void {
      const f = ctx.faults;
      const target = fault.target ?? 'api';
      if (fault.latencyMs !== undefined) f.latencyMs = fault.latencyMs;
      if (fault.serverErrors) f.serverErrors = { count: fault.serverErrors.count, status: fault.serverErrors.status ?? 503, target };
      if (fault.resets !== undefined) f.resets = { count: fault.resets, target };
      if (fault.rateLimitStorm) f.rateLimitStorm = { ...fault.rateLimitStorm, target };
      if (fault.quotaExhausted !== undefined) f.quotaExhausted = fault.quotaExhausted;
      if (fault.unauthorizedAfterRefresh !== undefined) f.unauthorizedAfterRefresh = fault.unauthorizedAfterRefresh;
    },
    clearFaults(): void {
      ctx.faults = noFaults();
    },
    revokeGrant(): void {
      ctx.grants.revokeAll();
    },
    expireRefreshTokens(): void {
      ctx.grants.expireRefreshTokens(ctx.now());
    },
    counters: () => Object.fromEntries(deps.counters),
    resetCounters(): void {
      deps.counters.clear();
    },
    approve: (url: string) => decide(url, 'approve'),
    deny: (url: string) => decide(url, 'cancel'),
    state(): WorldState {
      const now = ctx.now();
      const s = playback.settle(now);
      const item = s.current?.uri ? ctx.catalogue.items.get(s.current.uri) : undefined;
      return {
        now,
        kind: s.current ? s.current.kind : 'nothing',
        itemUri: s.current?.uri ?? null,
        itemName: s.current?.kind === 'ad' ? ctx.catalogue.ad.name : (item?.name ?? null),
        durationMs: s.current?.durationMs ?? null,
        progressMs: progressOf(s, now),
        isPlaying: s.isPlaying,
        contextUri: s.contextUri,
        shuffle: s.shuffle,
        repeat: s.repeat,
        activeDeviceId: playback.activeDevice()?.id ?? null,
        devices: playback.devices.map((d) => ({ ...d })),
        queue: [...s.queue],
        saved: [...ctx.saved],
        product: ctx.scenario.product,
      };
    },
    events: (): SimEvent[] => {
      playback.settle(ctx.now());
      return playback.events();
    },
    onEvent: (listener) => playback.onEvent(listener),
    trackBoundaries(from: number, to: number): TrackBoundary[] {
      playback.settle(ctx.now());
      return playback.boundaries(from, to);
    },
  };
}
