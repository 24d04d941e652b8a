// The built app boots here: dist/electron/main.cjs runs in its own Node process against the Electron
// double, in demo mode, with a stored real session, packaged, and as a second instance. Each run must
// show every shared boot fact, build the tray menu from the state it reports, and — after the user quits
// from the tray — leave nothing behind, so the process ends by itself.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AppState } from '../../../shared/state/app-state';
import { trayMenu } from '../../tray/tray-menu';

import { failedFacts, type BootExpectations } from './boot-facts';
import { buildHarness, ensureBuilt, PRELOAD_BUNDLE, RENDERER_DIR, ROOT, runBoot, type BootRun } from './boot-runner';
import type { MenuRow } from './menu';
import { SEEDED_CLIENT_ID, spotifyWithGrant, writeStoredSession, type SeededSpotify } from './seed-session';

const EXPECT: BootExpectations = {
  preloadPath: PRELOAD_BUNDLE,
  pagePrefixes: [pathToFileURL(RENDERER_DIR + sep).href, 'app://'],
};

/** The `app` events main.ts wires once for the process's life (no service adds to these). */
const APP_LIFETIME_LISTENERS = { activate: 1, 'before-quit': 1, 'open-url': 1, 'second-instance': 1, 'window-all-closed': 1 };

let harness: string;
beforeAll(async () => {
  ensureBuilt();
  harness = await buildHarness();
}, 60_000);

/** What the tray should show for a state, in the rows a menu double reports (checked state and submenus too). */
function expectedRows(state: AppState, devicesReply: unknown): MenuRow[] {
  const reply = devicesReply as { ok?: boolean; value?: NonNullable<Parameters<typeof trayMenu>[1]>['devices'] } | null;
  return rowsOf(trayMenu(state, { devices: reply?.ok ? (reply.value ?? null) : null }));
}

function rowsOf(items: ReturnType<typeof trayMenu>): MenuRow[] {
  return items.map((item): MenuRow => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator', label: '', enabled: true, checked: false };
      case 'label':
        return { type: 'normal', label: item.label, enabled: false, checked: false };
      case 'action':
        return { type: 'normal', label: item.label, enabled: item.enabled, checked: false };
      case 'checkbox':
      case 'radio':
        return { type: item.kind, label: item.label, enabled: item.enabled, checked: item.checked };
      case 'submenu':
        return { type: 'submenu', label: item.label, enabled: item.enabled, checked: false, submenu: rowsOf(item.items) };
    }
  });
}

const stateOf = (run: BootRun): AppState => {
  const reply = run.report.state as { ok: boolean; value: AppState };
  expect(reply.ok, JSON.stringify(run.report.state)).toBe(true);
  return reply.value;
};

/** The checks every successful boot must pass, whatever the mode. */
function expectHealthyBoot(run: BootRun, taken: readonly string[] = []): void {
  const diagnostics = `stderr:\n${run.stderr}\nlog:\n${run.logLines.join('\n')}\nthrown: ${JSON.stringify(run.report.thrown)}`;
  expect(run.report.startupSettled, diagnostics).toBe(true);
  expect(run.report.thrown, 'the app made Electron throw').toEqual([]);
  const observation = {
    ...run.report.observation!,
    readyLogged: run.logLines.some((l) => / INFO \[main\] ready\b/.test(l)),
    errorLines: run.logLines.filter((l) => / ERROR /.test(l)),
  };
  expect(failedFacts(observation, EXPECT), diagnostics).toEqual([]);
  // Registered before ready, exactly as the page scheme needs (not observable in real Electron, so not a shared fact).
  expect(run.report.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  // The tray menu is trayMenu(state) for the very state the app reports.
  expect(run.report.tray, 'no tray').not.toBeNull();
  expect(run.report.tray!.rows).toEqual(expectedRows(stateOf(run), run.report.devices));
  expect(run.report.tray!.toolTip).toMatch(/^Trayplay — /);
  expectShortcutsAsReported(run, taken);
  // Pages load only through the built files (or the app's scheme), never a dev server or the network.
  for (const url of run.report.loads) expect(EXPECT.pagePrefixes.some((p) => url.startsWith(p)), url).toBe(true);
  expectCleanQuit(run);
}

/**
 * Global shortcuts as the settings say: exactly the bindings and media keys the app reports as registered
 * are registered with the OS, and each one reported as taken is one another program holds.
 */
function expectShortcutsAsReported(run: BootRun, taken: readonly string[] = []): void {
  const { desktop } = stateOf(run);
  const registered = [
    ...desktop.hotkeys.filter((h) => h.status.kind === 'registered').map((h) => h.accelerator!),
    ...desktop.mediaKeys.filter((m) => m.status.kind === 'registered').map((m) => m.key),
  ];
  expect([...run.report.shortcuts].sort()).toEqual([...new Set(registered)].sort());
  const reportedTaken = [
    ...desktop.hotkeys.filter((h) => h.status.kind === 'taken').map((h) => h.accelerator!),
    ...desktop.mediaKeys.filter((m) => m.status.kind === 'taken').map((m) => m.key),
  ];
  expect(reportedTaken.sort()).toEqual([...taken].sort());
}

/** Quit from the tray: the quit events in order, then nothing left registered, and the process drains. */
function expectCleanQuit(run: BootRun): void {
  const after = run.report.afterQuit;
  expect(after, 'the app never reached quit').not.toBeNull();
  expect(after!.quitEvents).toEqual(['before-quit', 'will-quit', 'quit']);
  expect(after!.exitCode).toBe(0);
  expect(after!.invokeHandlers, 'ipcMain handlers left after quit').toEqual([]);
  expect(after!.listenerChannels, 'ipcMain listeners left after quit').toEqual([]);
  expect(after!.traysAlive).toBe(0);
  expect(after!.shortcuts).toEqual([]);
  expect(after!.powerListeners, 'powerMonitor listeners left after quit').toBe(0);
  expect(after!.windowsAlive).toBe(0);
  // Only main.ts's own lifetime wiring of `app` may stay; a service that subscribed must have let go.
  expect(after!.listenersLeft, 'listeners left on Electron emitters after quit').toEqual({ app: APP_LIFETIME_LISTENERS });
  expect(run.ended, `still open after quit: ${JSON.stringify(run.report.resourcesAfterQuit)}`).toBe('by-itself');
  expect(run.exitCode).toBe(0);
  // An unref'd timer lets the process end yet is a service that was never disposed: none may be pending.
  // Allowed: Node's own fetch (undici) keep-alive and parser timers — its shared connection pool's, not a
  // service's, unref'd and torn down by Node (they appear once the app has talked to the Web API).
  const pending = (run.report.timersAtExit ?? ['(no census: the process never reached exit)']).filter((t) => !/node:internal\/deps\/undici\//.test(t));
  expect(pending, 'timers still pending when the process exited').toEqual([]);
}

describe('the built main bundle against the Electron double', () => {
  it('demo mode: boots, shows every boot fact, and exits by itself after Quit', async () => {
    const run = await runBoot(harness, { linuxBackend: 'gnome_libsecret' });
    expectHealthyBoot(run);
    expect(run.report.info).toMatchObject({ ok: true, value: { shell: 'electron', demo: true } });
    const state = stateOf(run);
    expect(state.auth.kind).toBe('demo');
    expect(state.authSettings.storage).toMatchObject({ backend: 'gnome_libsecret', secure: true });
    // Unpackaged on Linux: the OS cannot route trayplay:// to a development run, so it is not registered.
    expect(run.report.calls.filter((c) => c.method === 'setAsDefaultProtocolClient')).toEqual([]);
    // Nothing is written for a demo session: no tokens on disk.
    const store = join(run.report.userData, 'trayplay.json');
    const saved = existsSync(store) ? (JSON.parse(readFileSync(store, 'utf8')) as Record<string, unknown>) : {};
    expect(Object.keys(saved).filter((k) => k.startsWith('tokens'))).toEqual([]);
  }, 60_000);

  describe('with a stored real session', () => {
    let spotify: SeededSpotify;
    beforeAll(async () => {
      spotify = await spotifyWithGrant();
    });
    afterAll(() => spotify.close());

    it('restores it from the vault (kwallet6) and never lets a token reach the renderer or the log', async () => {
      const run = await runBoot(harness, {
        linuxBackend: 'kwallet6',
        keyMaterial: 'stored-session key',
        env: { TRAYPLAY_ACCOUNTS_URL: spotify.url, TRAYPLAY_API_URL: `${spotify.url}/v1` },
        prepare: (dirs) => writeStoredSession(dirs.userData, spotify.tokens, 'kwallet6', 'stored-session key'),
      });
      expectHealthyBoot(run);
      const state = stateOf(run);
      expect(state.auth.kind).toBe('signedIn');
      expect(state.authSettings).toMatchObject({ clientId: SEEDED_CLIENT_ID, storage: { backend: 'kwallet6', secure: true } });
      expect(run.report.info).toMatchObject({ value: { demo: false } });
      expect(run.report.calls.some((c) => c.api === 'safeStorage' && c.method === 'decryptStringAsync')).toBe(true);
      const everything = JSON.stringify(run.report) + run.logLines.join('\n') + run.stderr;
      for (const secret of [spotify.tokens.accessToken, spotify.tokens.refreshToken]) expect(everything).not.toContain(secret);
    }, 60_000);

    it('a vault written under another backend cannot be read: the user is asked to sign in again, nothing crashes', async () => {
      const run = await runBoot(harness, {
        linuxBackend: 'kwallet5',
        env: { TRAYPLAY_ACCOUNTS_URL: spotify.url, TRAYPLAY_API_URL: `${spotify.url}/v1` },
        prepare: (dirs) => writeStoredSession(dirs.userData, spotify.tokens, 'gnome_libsecret', 'boot-test key'),
      });
      expectHealthyBoot(run);
      const state = stateOf(run);
      expect(state.auth.kind).not.toBe('signedIn');
      expect(JSON.stringify(state.auth)).toContain('gnome_libsecret');
    }, 60_000);
  });

  it('macOS: started by a control link (open-url), stays in the tray and runs the command once', async () => {
    const mainPage = (run: BootRun) => run.report.loads.filter((url) => !url.includes('mini.html'));
    const plain = await runBoot(harness, { platform: 'darwin' });
    // The log is read from where the app put it (app.getPath('logs'): ~/Library/Logs/<name> on macOS).
    expect(plain.logFile).toBe(join(plain.dirs.home, 'Library', 'Logs', 'Trayplay', 'main.log'));
    expectHealthyBoot(plain);
    expect(mainPage(plain)).not.toEqual([]);
    const run = await runBoot(harness, { platform: 'darwin', openUrls: ['trayplay://control/next'] });
    // Started by a link the main window stays closed, so the window fact does not apply; the rest does.
    expect(run.report.thrown).toEqual([]);
    expect(run.logLines.some((l) => / INFO \[main\] ready\b/.test(l)), run.logLines.join('\n')).toBe(true);
    expect(run.logLines.filter((l) => / ERROR /.test(l))).toEqual([]);
    expect(mainPage(run)).toEqual([]);
    expect(run.logLines.filter((l) => l.includes('control request') && l.includes('"command":"next"'))).toHaveLength(1);
    expect(run.report.tray, 'no tray').not.toBeNull();
    expectCleanQuit(run);
  }, 90_000);

  it('Windows, packaged: boots healthy and registers trayplay:// exactly once, for the installed executable', async () => {
    const run = await runBoot(harness, { platform: 'win32', isPackaged: true });
    expectHealthyBoot(run);
    // Packaged, Electron's defaults (process.execPath, no arguments) are the installed app: both left out (null).
    expect(run.report.calls.filter((c) => c.method === 'setAsDefaultProtocolClient').map((c) => c.args)).toEqual([['trayplay', null, null]]);
  }, 60_000);

  it('Windows, unpackaged: registers trayplay:// once, as the Electron binary plus the app path (Electron docs)', async () => {
    const run = await runBoot(harness, { platform: 'win32' });
    expectHealthyBoot(run);
    // `electron .` needs the path to the app passed back, or a link would start bare Electron.
    expect(run.report.calls.filter((c) => c.method === 'setAsDefaultProtocolClient').map((c) => c.args)).toEqual([['trayplay', process.execPath, [ROOT]]]);
  }, 60_000);

  it('a media key another program holds is reported as taken, and the rest are registered', async () => {
    const run = await runBoot(harness, { takenAccelerators: ['MediaPlayPause'] });
    expectHealthyBoot(run, ['MediaPlayPause']);
    expect(run.report.shortcuts).not.toContain('MediaPlayPause');
  }, 60_000);

  it('Linux without a keyring (basic_text): boots, and says the storage is not secure', async () => {
    const run = await runBoot(harness, { linuxBackend: 'basic_text' });
    expectHealthyBoot(run);
    expect(stateOf(run).authSettings.storage).toMatchObject({ backend: 'basic_text', secure: false });
  }, 60_000);

  it('packaged: the test-only environment variables are ignored', async () => {
    let envProfile = '';
    const run = await runBoot(harness, {
      isPackaged: true,
      linuxBackend: 'kwallet',
      prepare: (dirs) => {
        envProfile = join(dirs.base, 'env-profile');
        return {
          TRAYPLAY_USER_DATA: envProfile,
          TRAYPLAY_ACCOUNTS_URL: 'http://127.0.0.1:9',
          TRAYPLAY_API_URL: 'http://127.0.0.1:9/v1',
          VITE_DEV_SERVER_URL: 'http://127.0.0.1:9/',
        };
      },
    });
    expectHealthyBoot(run);
    expect(run.report.userData).toBe(run.dirs.userData);
    expect(existsSync(envProfile) ? readdirSync(envProfile) : [], 'the packaged app wrote into the env profile').toEqual([]);
    expect(run.report.calls.filter((c) => c.method === 'setPath'), 'setPath from an env variable').toEqual([]);
    // A packaged app writes its log to the file only.
    expect(run.stderr).toBe('');
  }, 60_000);

  it("packaged: the developer's desktop is out of reach — their autostart entry survives, their session bus is never dialled", async () => {
    // The outer environment as a developer's shell has it: a real autostart entry and a live session bus.
    const outer = mkdtempSync(join(tmpdir(), 'trayplay-outer-'));
    const autostart = join(outer, 'config', 'autostart', 'app.trayplay.Trayplay.desktop');
    mkdirSync(join(outer, 'config', 'autostart'), { recursive: true });
    writeFileSync(autostart, '[Desktop Entry]\nName=the developer\'s own\n');
    mkdirSync(join(outer, 'runtime'));
    let dialled = 0;
    const bus = createServer((socket) => {
      dialled += 1;
      socket.destroy();
    });
    await new Promise<void>((listening) => bus.listen(join(outer, 'runtime', 'bus'), listening));
    const outerEnv: Record<string, string> = {
      XDG_CONFIG_HOME: join(outer, 'config'),
      XDG_DATA_HOME: join(outer, 'data'),
      XDG_RUNTIME_DIR: join(outer, 'runtime'),
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(outer, 'runtime', 'bus')}`,
    };
    const saved = Object.keys(outerEnv).map((k) => [k, process.env[k]] as const);
    Object.assign(process.env, outerEnv);
    try {
      const run = await runBoot(harness, { isPackaged: true });
      expectHealthyBoot(run);
      expect(readFileSync(autostart, 'utf8')).toContain("the developer's own");
      expect(existsSync(join(outer, 'data')) ? readdirSync(join(outer, 'data')) : [], 'wrote into the outer XDG_DATA_HOME').toEqual([]);
      expect(dialled, 'the boot connected to the outer session bus').toBe(0);
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await new Promise((closed) => bus.close(closed));
    }
  }, 60_000);

  it('development: TRAYPLAY_USER_DATA naming a folder that does not exist yet is created, not a crash at start', async () => {
    let profile = '';
    const run = await runBoot(harness, {
      prepare: (dirs) => {
        profile = join(dirs.base, 'fresh', 'profile');
        return { TRAYPLAY_USER_DATA: profile };
      },
    });
    expectHealthyBoot(run);
    expect(run.report.userData).toBe(profile);
    expect(existsSync(join(profile, 'logs', 'main.log'))).toBe(true);
  }, 60_000);

  it('a second instance hands over and quits before creating anything', async () => {
    const run = await runBoot(harness, { lockHeldElsewhere: true, quitVia: 'none' });
    expect(run.report.thrown).toEqual([]);
    expect(run.report.calls.filter((c) => ['BrowserWindow', 'Tray', 'ipcMain'].includes(c.api))).toEqual([]);
    expect(run.report.afterQuit?.quitEvents).toEqual(['before-quit', 'will-quit', 'quit']);
    expect(run.ended, JSON.stringify(run.report.resourcesAfterQuit)).toBe('by-itself');
    expect(run.exitCode).toBe(0);
  }, 60_000);
});

describe('a packaged build started with a debugging switch or TLS checks off', () => {
  it('packaged: refuses to start — one line on stderr, exit code 1, nothing created', async () => {
    const run = await runBoot(harness, { isPackaged: true, args: ['--remote-debugging-port=9222'], env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' }, quitVia: 'none' });
    expect(run.ended).toBe('by-itself');
    expect(run.exitCode).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Trayplay will not start: --remote-debugging-port, NODE_TLS_REJECT_UNAUTHORIZED /)]);
    expect(run.report.calls.filter((c) => ['BrowserWindow', 'Tray', 'ipcMain', 'protocol'].includes(c.api) || c.method === 'requestSingleInstanceLock')).toEqual([]);
  }, 60_000);

  it('unpackaged (control): the same switches boot normally', async () => {
    const run = await runBoot(harness, { args: ['--inspect=0', '--remote-debugging-port=0'], env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } });
    expectHealthyBoot(run);
  }, 60_000);
});
