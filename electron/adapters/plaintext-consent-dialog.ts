import { dialog } from 'electron';

import type { PlaintextConsent } from '../ports/plaintext-consent';

/** The button order: Cancel first and default, so Enter or Esc never consents. */
const BUTTONS = ['Cancel', 'Store unencrypted'];
const STORE = 1;

/** Main's own native dialog before a plaintext opt-in is honoured: the page cannot draw or answer it. */
export const plaintextConsentDialog: PlaintextConsent = {
  confirm: async () => {
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      buttons: BUTTONS,
      defaultId: 0,
      cancelId: 0,
      noLink: true,
      title: 'Store the sign-in unencrypted?',
      message: 'Store your Spotify sign-in unencrypted on this computer?',
      detail:
        'No system keyring is available. If you continue, your refresh token is saved in a file that anyone who can read your profile folder can use to control your Spotify account until you sign out.',
    });
    return response === STORE;
  },
};
