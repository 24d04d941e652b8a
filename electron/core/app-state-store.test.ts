import { describe, expect, it } from 'vitest';

import type { AppState } from '../../shared/state/app-state';

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
});
