/**
 * Main's own confirmation before the refresh token is stored unencrypted. The renderer's warning and its
 * `acknowledgedWarning` flag are what a compromised page can send too; this asks the user outside the page
 * (a native dialog in Electron). Resolves true only on an explicit yes.
 */
export interface PlaintextConsent {
  confirm(): Promise<boolean>;
}

/** The web preview has no dialog outside the page: there the page's own warning is all the consent there is. */
export const PAGE_WARNING_IS_CONSENT: PlaintextConsent = { confirm: () => Promise.resolve(true) };
