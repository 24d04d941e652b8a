/** The outcome of asking the OS to send `trayplay://` links to this app. */
export interface ProtocolRegistration {
  readonly ok: boolean;
  /** Why the scheme is unavailable, in words for the user; null when `ok`. */
  readonly problem: string | null;
}

/** Registers the custom scheme with the OS (Electron's `setAsDefaultProtocolClient`, AppImage desktop entry). */
export interface ProtocolRegistrar {
  register(): ProtocolRegistration;
}
