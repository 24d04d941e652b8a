import { afterEach, describe, expect, it, vi } from 'vitest';

import type { AuthState } from '../../shared/state/auth-state';
import { checkClientId } from '../components/account/client-id-setup';
import { appState, settings, signedIn } from '../testing/fixtures';
import { failWith, mount, type Mounted } from '../testing/mount';
import { click, perform, type } from '../testing/render';

const VALID = '0123456789abcdef0123456789ABCDEF';

let view: Mounted | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  vi.unstubAllGlobals();
});

const withAuth = (auth: AuthState, authSettings = settings()) => appState({ auth, authSettings });

describe('checkClientId', () => {
  it('validates with the contract schema', () => {
    expect(checkClientId('', settings())).toEqual({ kind: 'empty', usable: false });
    expect(checkClientId('', settings({ clientIdFromBuild: true }))).toEqual({ kind: 'empty', usable: true });
    expect(checkClientId('abc', settings()).kind).toBe('invalid');
    expect(checkClientId(` ${VALID} `, settings())).toEqual({
      kind: 'valid',
      clientId: VALID.toLowerCase(),
      changed: true,
    });
    expect(checkClientId(VALID, settings({ clientId: VALID.toLowerCase() }))).toMatchObject({ changed: false });
  });
});

describe('account section', () => {
  it('explains demo mode and onboards a Client ID', async () => {
    view = await mount(withAuth({ kind: 'demo' }));
    const section = view.byTestId('auth-state');
    expect(section.dataset.kind).toBe('demo');
    expect(view.byTestId('auth-description').textContent).toMatch(/simulated/);
    expect(view.byTestId('demo-badge').textContent).toBe('Demo');
    expect(view.byTestId<HTMLInputElement>('redirect-uri-loopback').value).toBe('http://127.0.0.1:43117/callback');
    expect(view.byTestId<HTMLInputElement>('redirect-uri-protocol').value).toBe('trayplay://callback');
    expect(view.byTestId<HTMLAnchorElement>('dashboard-link').href).toBe('https://developer.spotify.com/dashboard');

    const signIn = view.byTestId<HTMLButtonElement>('sign-in');
    expect(signIn.disabled).toBe(true);
    const input = view.byTestId<HTMLInputElement>('client-id-input');
    await type(input, 'not-an-id');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(view.byTestId('client-id-hint').textContent).toMatch(/32 letters and digits/);
    expect(signIn.disabled).toBe(true);

    await type(input, VALID);
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(signIn.disabled).toBe(false);
    await click(signIn);
    expect(view.channels().filter((c) => c.startsWith('auth:'))).toEqual(['auth:setClientId', 'auth:signIn']);
    expect(view.payloadOf('auth:setClientId')).toEqual({ clientId: VALID.toLowerCase() });
  });

  it('does not sign in when saving the Client ID fails', async () => {
    view = await mount(withAuth({ kind: 'signedOut', notice: null }), {
      'auth:setClientId': failWith('invalid_client_id', 'Spotify does not know this Client ID'),
    });
    await type(view.byTestId<HTMLInputElement>('client-id-input'), VALID);
    await click(view.byTestId('sign-in'));
    expect(view.channels()).not.toContain('auth:signIn');
    expect(view.byTestId('error-banner').textContent).toContain('Spotify does not know this Client ID');
  });

  it('shows the notice, the redirect mode choice and the protocol problem when signed out', async () => {
    view = await mount(
      withAuth(
        { kind: 'signedOut', notice: 'You cancelled the sign-in' },
        settings({ clientId: VALID.toLowerCase(), protocolAvailable: false, protocolProblem: 'No desktop entry' }),
      ),
    );
    expect(view.byTestId('auth-state').dataset.kind).toBe('signedOut');
    expect(view.byTestId('auth-description').textContent).toBe('You cancelled the sign-in');
    expect(view.byTestId<HTMLInputElement>('client-id-input').value).toBe(VALID.toLowerCase());
    expect(view.byTestId<HTMLInputElement>('redirect-mode-protocol').disabled).toBe(true);
    expect(view.byTestId('protocol-problem').textContent).toBe('No desktop entry');
    expect(view.byTestId<HTMLInputElement>('redirect-mode-loopback').checked).toBe(true);

    await click(view.byTestId('sign-in'));
    expect(view.channels()).toContain('auth:signIn');
    expect(view.channels()).not.toContain('auth:setClientId');

    await click(view.byTestId('use-demo'));
    expect(view.payloadOf('auth:setClientId')).toEqual({ clientId: null });
  });

  it('switches the redirect mode', async () => {
    view = await mount(withAuth({ kind: 'signedOut', notice: null }));
    await click(view.byTestId('redirect-mode-protocol'));
    expect(view.payloadOf('auth:setRedirectMode')).toEqual({ mode: 'protocol' });
  });

  it('counts down while authorizing and can cancel', async () => {
    view = await mount(
      withAuth({ kind: 'authorizing', redirectMode: 'loopback', startedAt: Date.now(), expiresAt: Date.now() + 90_500 }),
    );
    expect(view.byTestId('auth-state').dataset.kind).toBe('authorizing');
    expect(view.byTestId('auth-countdown').textContent).toMatch(/Time left: 1:(30|29)/);
    await click(view.byTestId('cancel-sign-in'));
    expect(view.channels()).toContain('auth:cancel');
  });

  it('shows the account, expiry, renewal offer and memory-only note when signed in', async () => {
    view = await mount(withAuth(signedIn({ renewSoon: true, persistence: 'memoryOnly' })));
    expect(view.byTestId('auth-state').dataset.kind).toBe('signedIn');
    expect(view.byTestId('account-name').textContent).toContain('Ada');
    expect(view.byTestId('sign-in-expires').textContent).not.toBe('');
    expect(view.byTestId('persistence-note').textContent).toMatch(/memory only/);
    await click(view.byTestId('sign-in-again'));
    expect(view.channels()).toContain('auth:signIn');
    await click(view.byTestId('sign-out'));
    expect(view.channels()).toContain('auth:signOut');
  });

  it('explains an ended session and offers to sign in again', async () => {
    view = await mount(withAuth({ kind: 'sessionEnded', reason: 'You removed Trayplay’s access' }));
    expect(view.byTestId('auth-state').dataset.kind).toBe('sessionEnded');
    expect(view.byTestId('auth-description').textContent).toBe('You removed Trayplay’s access');
    await click(view.byTestId('sign-in'));
    expect(view.channels()).toContain('auth:signIn');
  });

  it('asks for an explicit opt-in before storing tokens with weak protection', async () => {
    view = await mount(
      withAuth(
        signedIn({ persistence: 'memoryOnly' }),
        settings({ storage: { secure: false, backend: 'basic_text', plaintextOptIn: false } }),
      ),
    );
    expect(view.byTestId('storage-warning').dataset.kind).toBe('memoryOnly');
    const confirm = view.byTestId<HTMLButtonElement>('plaintext-confirm');
    expect(confirm.disabled).toBe(true);
    await click(view.byTestId('plaintext-ack'));
    expect(confirm.disabled).toBe(false);
    await click(confirm);
    expect(view.payloadOf('auth:setPlaintextOptIn')).toEqual({ optIn: true, acknowledgedWarning: true });
  });

  it('follows pushes from main to the next auth kind', async () => {
    view = await mount(withAuth({ kind: 'demo' }));
    await perform(() => view!.fake.emit('app:onState', appState({ rev: 2, auth: signedIn() })));
    expect(view.byTestId('auth-state').dataset.kind).toBe('signedIn');
  });

  it('copies a redirect URI, or selects it when the clipboard is refused', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    view = await mount(withAuth({ kind: 'demo' }));
    const copy = view.container.querySelector<HTMLButtonElement>('[aria-label="Copy Local address redirect URI"]')!;
    await click(copy);
    expect(writeText).toHaveBeenCalledWith('http://127.0.0.1:43117/callback');
    expect(copy.textContent).toBe('Copied');

    writeText.mockImplementation(() => Promise.reject(new Error('denied')));
    const other = view.container.querySelector<HTMLButtonElement>('[aria-label="Copy Trayplay link redirect URI"]')!;
    await click(other);
    expect(other.textContent).toBe('Press Ctrl+C');
  });
});
