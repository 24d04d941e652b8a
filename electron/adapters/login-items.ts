import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { app } from 'electron';

import type { LoginItemPlan } from '../shell/login-items';

/** Carries out a start-at-login plan: Electron's login items, or the XDG autostart file. Throws on failure. */
export function applyLoginItem(plan: LoginItemPlan): void {
  switch (plan.kind) {
    case 'loginItemSettings':
      app.setLoginItemSettings({ openAtLogin: plan.openAtLogin, args: [...plan.args] });
      return;
    case 'xdgAutostart':
      if (plan.content === null) {
        rmSync(plan.path, { force: true });
        return;
      }
      mkdirSync(dirname(plan.path), { recursive: true });
      writeFileSync(plan.path, plan.content, { mode: 0o644 });
      return;
    case 'unsupported':
      return;
  }
}

/** macOS cannot pass `--hidden` to a login item: it tells whether it started us instead. */
export function openedAtLogin(): boolean {
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
