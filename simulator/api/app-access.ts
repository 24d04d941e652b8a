import type { SimContext } from '../context';
import { HttpFailure, plainText } from '../http/errors';

// Development-mode gates in front of every /v1 call (facts §3.2). Sign-in is not gated: the user gets a token
// and only then every call fails. Neither answer carries a `reason`, and the bodies are bare text, not the
// Web API's error JSON: a Go client reported "couldn't decode error: (159) [Active premium …]" — 159 is the
// length of the message alone (zmb3/spotify#301) — and the allow-list refusal reaches clients as a raw string
// (your_spotify#207; spotipy#688 for its older wording). The facts file gives only the wording of the second.

export const OWNER_NOT_PREMIUM =
  'Active premium subscription required for the owner of the app. When the subscription status changes, it can take a few hours before requests are allowed again.';
export const USER_NOT_REGISTERED = 'User not registered in the Developer Dashboard';

/** Throws the 403 for an app whose owner lost Premium (it stops for everyone, so first), or an unlisted user. */
export function checkAppAccess(ctx: SimContext): void {
  if (!ctx.scenario.ownerPremium) throw new HttpFailure(plainText(403, OWNER_NOT_PREMIUM));
  if (!ctx.scenario.userAllowListed) throw new HttpFailure(plainText(403, USER_NOT_REGISTERED));
}
