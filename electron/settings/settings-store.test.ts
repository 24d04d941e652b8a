import { describe, expect, it } from 'vitest';

import { MemoryStore } from '../adapters/memory-store';
import { memorySink, RootLogger } from '../logging/logger';

import { SETTINGS_KEY, SettingsStore } from './settings-store';

const logger = () => new RootLogger({ sink: memorySink().sink }).scope('settings');
const ID = '0123456789abcdef0123456789abcdef';

describe('SettingsStore', () => {
  it('starts in demo (no Client ID), loopback, no plaintext', () => {
    const settings = new SettingsStore(new MemoryStore(), { logger: logger() });
    expect(settings.values()).toEqual({ clientId: null, redirectMode: 'loopback', plaintextOptIn: false });
    expect(settings.effectiveClientId()).toEqual({ clientId: null, fromBuild: false });
  });

  it('validates and normalises the Client ID', () => {
    const store = new MemoryStore();
    const settings = new SettingsStore(store, { logger: logger() });
    expect(settings.setClientId('nope')).toMatchObject({ ok: false, error: { code: 'invalid_client_id' } });
    expect(settings.setClientId(` ${ID.toUpperCase()} `)).toEqual({ ok: true, value: null });
    expect(new SettingsStore(store, { logger: logger() }).values().clientId).toBe(ID);
  });

  it('falls back to a build-time Client ID, and the user’s own wins', () => {
    const settings = new SettingsStore(new MemoryStore(), { logger: logger(), buildClientId: ID });
    expect(settings.effectiveClientId()).toEqual({ clientId: ID, fromBuild: true });
    settings.setClientId('ffffffffffffffffffffffffffffffff');
    expect(settings.effectiveClientId()).toEqual({ clientId: 'ffffffffffffffffffffffffffffffff', fromBuild: false });
    expect(new SettingsStore(new MemoryStore(), { logger: logger(), buildClientId: 'bad' }).effectiveClientId().clientId).toBeNull();
  });

  it('reads a hand-edited, invalid file as defaults instead of failing', () => {
    const store = new MemoryStore();
    store.set(SETTINGS_KEY, { v: 1, clientId: 'x', redirectMode: 'carrier-pigeon', plaintextOptIn: 'yes' });
    expect(new SettingsStore(store, { logger: logger() }).values()).toEqual({ clientId: null, redirectMode: 'loopback', plaintextOptIn: false });
  });

  it('persists the redirect mode and the plaintext opt-in', () => {
    const store = new MemoryStore();
    const settings = new SettingsStore(store, { logger: logger() });
    settings.setRedirectMode('protocol');
    settings.setPlaintextOptIn(true);
    expect(new SettingsStore(store, { logger: logger() }).values()).toEqual({ clientId: null, redirectMode: 'protocol', plaintextOptIn: true });
  });
});
