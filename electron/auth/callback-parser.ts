import { fail, ok, type Result } from '../../shared/result';

/** The longest callback URL we read; Spotify's codes are a few hundred characters. */
export const MAX_CALLBACK_LENGTH = 4096;
/** The longest single parameter value. */
export const MAX_PARAM_LENGTH = 2048;

const KNOWN_PARAMS = ['code', 'state', 'error', 'error_description'] as const;

/** What a valid callback says: a code to exchange, or the reason Spotify gave for not issuing one. */
export type Callback =
  | { readonly kind: 'code'; readonly code: string; readonly state: string }
  | { readonly kind: 'denied'; readonly error: string; readonly description: string | null; readonly state: string };

export type CallbackErrorKind =
  | 'not_a_url'
  | 'too_long'
  | 'wrong_target'
  | 'missing_param'
  | 'repeated_param'
  | 'oversized_param'
  | 'conflicting_params';

/** Why a callback was refused. `state` is set only when the URL carried exactly one well-formed state. */
export interface CallbackError {
  readonly kind: CallbackErrorKind;
  readonly message: string;
  readonly state: string | null;
}

export type CallbackParse = Result<Callback, CallbackError>;

const refuse = (kind: CallbackErrorKind, message: string, state: string | null = null): CallbackParse => fail({ kind, message, state });

const sameTarget = (actual: URL, expected: URL): boolean =>
  actual.protocol === expected.protocol &&
  actual.host === expected.host &&
  // A bare `scheme://host` and `scheme://host/` are the same resource for WHATWG URLs of special schemes only.
  actual.pathname === expected.pathname &&
  actual.username === '' &&
  actual.password === '';

/**
 * Parses a redirect back from the browser against the exact redirect URI of the pending attempt. Pure and
 * total: any string yields a `Callback` or a typed `CallbackError`, never an exception. Messages never echo
 * parameter values (they may be codes).
 */
export function parseCallback(input: string, expectedRedirectUri: string): CallbackParse {
  if (input.length > MAX_CALLBACK_LENGTH) return refuse('too_long', 'The sign-in reply is too long to be genuine.');
  let url: URL;
  let expected: URL;
  try {
    url = new URL(input);
    expected = new URL(expectedRedirectUri);
  } catch {
    return refuse('not_a_url', 'The sign-in reply is not a valid address.');
  }
  if (!sameTarget(url, expected)) return refuse('wrong_target', 'The sign-in reply came to the wrong address.');

  const params = new URLSearchParams(url.search);
  const values = new Map<string, string>();
  for (const name of KNOWN_PARAMS) {
    const all = params.getAll(name);
    if (all.length > 1) return refuse('repeated_param', `The sign-in reply repeats "${name}".`, singleState(params));
    const [value] = all;
    if (value !== undefined && value.length > MAX_PARAM_LENGTH) {
      return refuse('oversized_param', `The sign-in reply's "${name}" is too long.`, singleState(params));
    }
    if (value !== undefined && value.length > 0) values.set(name, value);
  }

  const state = values.get('state');
  if (state === undefined) return refuse('missing_param', 'The sign-in reply has no "state".');
  const code = values.get('code');
  const error = values.get('error');
  if (code !== undefined && error !== undefined) {
    return refuse('conflicting_params', 'The sign-in reply carries both a code and an error.', state);
  }
  if (error !== undefined) {
    return ok({ kind: 'denied', error, description: values.get('error_description') ?? null, state });
  }
  if (code === undefined) return refuse('missing_param', 'The sign-in reply has no "code".', state);
  return ok({ kind: 'code', code, state });
}

/** The state, when there is exactly one and it is not oversized; used to tie an error to its attempt. */
function singleState(params: URLSearchParams): string | null {
  const all = params.getAll('state');
  const [only] = all;
  return all.length === 1 && only !== undefined && only.length > 0 && only.length <= MAX_PARAM_LENGTH ? only : null;
}

/** The words shown when Spotify did not issue a code. */
export function deniedMessage(error: string): string {
  return error === 'access_denied' ? 'You cancelled the sign-in' : `Spotify refused the sign-in (${error.slice(0, 60)})`;
}
