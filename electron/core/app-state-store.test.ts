import { describe, expect, it } from 'vitest';

import type { AppState } from '../../shared/state/app-state';

import { memorySink, RootLogger } from '../logging/logger';
import { appStateFixture } from '../testing/app-state-fixture';

import { AppStateStore } from './app-state-store';

const parts = (): Omit<AppState, 'rev'> => {
  const { auth, authSettings, playback, preferences, desktop } = appStateFixture({ auth: { kind: 'signedOut', notice: null } });
  return { auth, authSettings, playback, preferences, desktop };
};

describe('app state store', () => {
  it('bumps rev and tells listeners only when something changed', () => {
    const store = new AppStateStore(parts());
    const seen: number[] = [];
    store.subscribe((s) => seen.push(s.rev));
    store.update(parts());
    expect(seen).toEqual([]);
    store.update({ auth: { kind: 'demo' } });
    store.update({ auth: { kind: 'demo' } });
    expect(seen).toEqual([2]);
    expect(store.get()).toMatchObject({ rev: 2, auth: { kind: 'demo' } });
  });

  it('stops telling a listener that unsubscribed', () => {
    const store = new AppStateStore(parts());
    const seen: number[] = [];
    const off = store.subscribe((s) => seen.push(s.rev));
    off();
    store.update({ auth: { kind: 'demo' } });
    expect(seen).toEqual([]);
  });

  it('keeps telling the other listeners, and keeps its state, when one listener throws', () => {
    const { sink, lines } = memorySink();
    const store = new AppStateStore(parts(), new RootLogger({ sink }).scope('state'));
    const seen: number[] = [];
    store.subscribe(() => {
      throw new Error('renderer gone');
    });
    store.subscribe((s) => seen.push(s.rev));
    expect(() => store.update({ auth: { kind: 'demo' } })).not.toThrow();
    store.update({ auth: { kind: 'signedOut', notice: null } });
    expect(seen).toEqual([2, 3]);
    expect(store.get().rev).toBe(3);
    expect(lines.join('\n')).toContain('renderer gone');
  });
});
