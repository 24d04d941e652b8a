import type { Result } from '../../shared/result';

/** The outcome of asking the OS to send `trayplay://` links to this app; the error says why not, in words for the user. */
export type ProtocolRegistration = Result<null, string>;

/** Registers the custom scheme with the OS (Electron's `setAsDefaultProtocolClient`, AppImage desktop entry). */
export interface ProtocolRegistrar {
  register(): ProtocolRegistration;
}
