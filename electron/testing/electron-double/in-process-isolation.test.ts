// The in-process boot (used by the packaged-renderer Chromium spec) runs the built app inside the test's own
// process: the developer's desktop — their autostart entry, their XDG folders, their session bus — must be
// out of its reach for the boot's lifetime, and the test process's environment must be theirs again after.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, expect, it } from 'vitest';

import { ensureBuilt } from './boot-runner';
import { bootInProcess } from './in-process';

beforeAll(() => {
  ensureBuilt();
}, 60_000);

it("in-process packaged boot: the developer's autostart entry survives, their XDG folders and session bus are untouched, and their env is back after quit", async () => {
  const outer = mkdtempSync(join(tmpdir(), 'trayplay-inproc-outer-'));
  const autostart = join(outer, 'config', 'autostart', 'app.trayplay.Trayplay.desktop');
  mkdirSync(join(outer, 'config', 'autostart'), { recursive: true });
  writeFileSync(autostart, "[Desktop Entry]\nName=the developer's own\n");
  mkdirSync(join(outer, 'runtime'));
  mkdirSync(join(outer, 'home'));
  let dialled = 0;
  const bus = createServer((socket) => {
    dialled += 1;
    socket.destroy();
  });
  await new Promise<void>((listening) => bus.listen(join(outer, 'runtime', 'bus'), listening));
  const outerEnv: Record<string, string> = {
    HOME: join(outer, 'home'),
    XDG_CONFIG_HOME: join(outer, 'config'),
    XDG_DATA_HOME: join(outer, 'data'),
    XDG_RUNTIME_DIR: join(outer, 'runtime'),
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(outer, 'runtime', 'bus')}`,
  };
  const saved = Object.keys(outerEnv).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, outerEnv);
  try {
    const app = await bootInProcess();
    await app.quit();
    expect(readFileSync(autostart, 'utf8')).toContain("the developer's own");
    expect(existsSync(join(outer, 'data')) ? readdirSync(join(outer, 'data')) : [], 'wrote into the outer XDG_DATA_HOME').toEqual([]);
    expect(readdirSync(join(outer, 'home')), 'wrote into the outer HOME').toEqual([]);
    expect(dialled, 'the boot connected to the outer session bus').toBe(0);
    expect(Object.fromEntries(Object.keys(outerEnv).map((k) => [k, process.env[k]])), 'the outer environment after quit').toEqual(outerEnv);
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await new Promise((closed) => bus.close(closed));
  }
}, 60_000);
