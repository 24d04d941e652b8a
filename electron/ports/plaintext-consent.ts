/**
 * Main's own confirmation before the refresh token is stored unencrypted. The renderer's warning and its
 * `acknowledgedWarning` flag are what a compromised page can send too; this asks the user outside the page
 * (a native dialog in Electron). Resolves true only on an explicit yes.
 */
export interface PlaintextConsent {
  confirm(): Promise<boolean>;
}
