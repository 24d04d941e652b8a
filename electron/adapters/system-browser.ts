import { shell } from 'electron';

import type { Browser } from '../ports/browser';

/** Opens https (and loopback http) pages in the user's browser. The auth service checks its own allow-list first. */
export const systemBrowser: Browser = {
  open: async (url) => {
    const target = new URL(url);
    const loopback = target.protocol === 'http:' && (target.hostname === '127.0.0.1' || target.hostname === '[::1]');
    if (target.protocol !== 'https:' && !loopback) throw new Error('only https pages are opened in the browser');
    await shell.openExternal(target.toString(), { activate: true });
  },
};
