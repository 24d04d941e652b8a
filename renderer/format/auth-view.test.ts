import { describe, expect, it } from 'vitest';

import { NOW, settings, signedIn } from '../testing/fixtures';

import { authView, persistenceNote, storageView } from './auth-view';

describe('authView', () => {
  it('covers every kind', () => {
    expect(authView({ kind: 'demo' }, NOW)).toMatchObject({ kind: 'demo', title: 'Demo mode', tone: 'info' });
    expect(authView({ kind: 'signedOut', notice: null }, NOW).tone).toBe('neutral');
    expect(authView({ kind: 'signedOut', notice: 'You cancelled the sign-in' }, NOW)).toMatchObject({
      description: 'You cancelled the sign-in',
      tone: 'warning',
    });
    expect(
      authView({ kind: 'authorizing', redirectMode: 'loopback', startedAt: NOW, expiresAt: NOW + 120_000 }, NOW)
        .description,
    ).toMatch(/in 2 min/);
    expect(authView({ kind: 'sessionEnded', reason: 'Access was revoked' }, NOW)).toMatchObject({
      description: 'Access was revoked',
      tone: 'danger',
    });
  });

  it('names the account and warns when renewal is due', () => {
    expect(authView(signedIn(), NOW)).toMatchObject({ title: 'Signed in', tone: 'success' });
    // The deadline as a countdown (the date has its own line in the panel).
    expect(authView(signedIn({ refreshExpiresAt: NOW + 12 * 86_400_000 + 5000 }), NOW).description).toBe('Sign in again within 12 days.');
    expect(authView(signedIn({ refreshExpiresAt: NOW + 5 * 3_600_000 }), NOW).description).toBe('Sign in again within 5 hours.');
    expect(authView(signedIn({ renewSoon: true }), NOW).tone).toBe('warning');
  });
});

describe('persistenceNote / storageView', () => {
  it('says nothing for encrypted storage', () => {
    expect(persistenceNote('encrypted')).toBeNull();
    expect(persistenceNote('memoryOnly')).toMatch(/memory only/);
  });

  it('distinguishes secure, memory-only and opted-in weak storage', () => {
    expect(storageView(settings()).kind).toBe('secure');
    expect(storageView(settings({ storage: { secure: false, backend: 'basic_text', plaintextOptIn: false } }))).toEqual({
      kind: 'memoryOnly',
      backend: 'basic_text',
    });
    expect(storageView(settings({ storage: { secure: false, backend: 'basic_text', plaintextOptIn: true } })).kind).toBe(
      'weakOptedIn',
    );
  });
});
