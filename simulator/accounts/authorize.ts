import { randomToken } from '../pkce';
import type { PendingConsent, SimContext } from '../context';
import { escapeHtml, htmlPage } from '../http/errors';
import { MAX_BODY_BYTES, Params, decodeUtf8, readBody } from '../http/params';
import { CODE_LIFETIME_MS, SCOPES } from './grants';

// GET /authorize and the consent page's POST /authorize/decision. As at Spotify, an unknown client or a
// bad redirect URI renders an error page and never redirects; other errors redirect with `error`.

const MAX_PENDING = 1000;
const CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

class PageError extends Error {}

function single(params: Params, key: string): string | undefined {
  return params.one(key, () => {
    throw new PageError(`INVALID_REQUEST: Duplicate parameter ${key}`);
  });
}

function redirectTo(redirectUri: string, values: Record<string, string | undefined>): Response {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(values)) if (value !== undefined) url.searchParams.set(key, value);
  return new Response(null, { status: 302, headers: { location: url.toString() } });
}

export function handleAuthorize(ctx: SimContext, url: URL): Response {
  const params = Params.from(url.searchParams);
  let clientId: string | undefined;
  let redirectUri: string | undefined;
  try {
    clientId = single(params, 'client_id');
    redirectUri = single(params, 'redirect_uri');
  } catch (error) {
    if (error instanceof PageError) return htmlPage(400, 'Error', `<h1>${escapeHtml(error.message)}</h1>`);
    throw error;
  }
  const client = clientId === undefined ? undefined : ctx.clients.get(clientId);
  if (!client || clientId === undefined) return errorPage('INVALID_CLIENT: Invalid client');
  if (redirectUri === undefined) return errorPage('INVALID_CLIENT: Invalid redirect URI');
  const check = ctx.clients.checkRedirect(client, redirectUri);
  if (!check.ok) return errorPage(check.page);

  // From here on the redirect URI is trusted: errors go back to the app.
  let state: string | undefined;
  let values: Record<string, string | undefined>;
  try {
    state = single(params, 'state');
    values = {
      response_type: single(params, 'response_type'),
      method: single(params, 'code_challenge_method'),
      challenge: single(params, 'code_challenge'),
      scope: single(params, 'scope'),
      show_dialog: single(params, 'show_dialog'),
    };
  } catch {
    return redirectTo(redirectUri, { error: 'invalid_request', error_description: 'Duplicate parameter' });
  }
  if (values.response_type !== 'code') return redirectTo(redirectUri, { error: 'unsupported_response_type', state });
  if (values.method !== 'S256' || values.challenge === undefined || !CHALLENGE.test(values.challenge)) {
    return redirectTo(redirectUri, { error: 'invalid_request', error_description: 'code_challenge_method must be S256 with a code_challenge', state });
  }
  const scopes = (values.scope ?? '').split(/[ +]+/).filter((s) => s !== '');
  if (scopes.some((s) => !SCOPES.has(s))) return redirectTo(redirectUri, { error: 'invalid_scope', state });

  const consent: PendingConsent = { clientId, redirectUri, state, challenge: values.challenge, scopes: [...new Set(scopes)], createdAt: ctx.now() };
  if (ctx.scenario.autoApprove) return approve(ctx, consent);

  const txn = randomToken('tx', 18);
  if (ctx.consents.size >= MAX_PENDING) {
    const oldest = ctx.consents.keys().next();
    if (!oldest.done) ctx.consents.delete(oldest.value);
  }
  ctx.consents.set(txn, consent);
  return consentPage(ctx, txn, consent);
}

function errorPage(message: string): Response {
  return htmlPage(400, 'Error', `<h1>${escapeHtml(message)}</h1>`);
}

function consentPage(ctx: SimContext, txn: string, consent: PendingConsent): Response {
  const scopeList = consent.scopes.length === 0 ? '<li>Public data only</li>' : consent.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  const body =
    `<main><h1>Connect Trayplay to your Spotify account?</h1>` +
    `<p>Logged in as <strong id="account-name">${escapeHtml(ctx.scenario.accountName)}</strong></p>` +
    `<p>The app asks to:</p><ul id="scopes">${scopeList}</ul>` +
    `<form method="post" action="/authorize/decision">` +
    `<input type="hidden" name="txn" value="${escapeHtml(txn)}">` +
    `<button type="submit" name="action" value="approve">Approve</button> ` +
    `<button type="submit" name="action" value="cancel">Cancel</button>` +
    `</form></main>`;
  return htmlPage(200, 'Authorize - Spotify Simulator', body);
}

function approve(ctx: SimContext, consent: PendingConsent): Response {
  const code = ctx.grants.issueCode({
    clientId: consent.clientId,
    redirectUri: consent.redirectUri,
    challenge: consent.challenge,
    scopes: consent.scopes,
    expiresAt: ctx.now() + CODE_LIFETIME_MS,
  });
  return redirectTo(consent.redirectUri, { code, state: consent.state });
}

/** POST /authorize/decision: the consent page's buttons. */
export async function handleDecision(ctx: SimContext, request: Request): Promise<Response> {
  const bytes = await readBody(request);
  if (bytes === 'too-large') return htmlPage(413, 'Error', `<h1>Request larger than ${MAX_BODY_BYTES} bytes</h1>`);
  const text = decodeUtf8(bytes);
  if (text === null) return errorPage('INVALID_REQUEST: Malformed form');
  const params = Params.from(new URLSearchParams(text));
  let txn: string | undefined;
  let action: string | undefined;
  try {
    txn = single(params, 'txn');
    action = single(params, 'action');
  } catch (error) {
    if (error instanceof PageError) return errorPage(error.message);
    throw error;
  }
  const consent = txn === undefined ? undefined : ctx.consents.get(txn);
  if (!consent || txn === undefined || ctx.now() - consent.createdAt > CODE_LIFETIME_MS) {
    return errorPage('INVALID_REQUEST: This authorization request has expired. Start again from the app.');
  }
  if (action !== 'approve' && action !== 'cancel') return errorPage('INVALID_REQUEST: Unknown action');
  ctx.consents.delete(txn);
  if (action === 'cancel') return redirectTo(consent.redirectUri, { error: 'access_denied', state: consent.state });
  return approve(ctx, consent);
}
