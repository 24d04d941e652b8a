import { describe, expect, it } from 'vitest';

import type { AppState } from '../../shared/state/app-state';

import { AppStateStore } from './app-state-store';

const parts = (): Omit<AppState, 'rev'> => ({
  auth: { kind: 'signedOut', notice: null },
  authSettings: {
    clientId: null,
    clientIdFromBuild: false,
    redirectMode: 'loopback',
    redirectUris: { protocol: 'trayplay://callback', loopback: 'http://127.0.0.1/callback' },
    protocolAvailable: false,
    protocolProblem: 'not registered',
    storage: { secure: true, backend: 'test', plaintextOptIn: false },
  },
  playback: { nowPlaying: { kind: 'idle' }, controls: { readOnly: false, readOnlyReason: null } } as AppState['playback'],
});

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
