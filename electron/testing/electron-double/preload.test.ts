// The built preload in a sandbox-faithful VM: it may require only what a sandboxed preload gets, and the
// page must end up with exactly `window.trayplay` as the contract generates it — no raw IPC, no Node.
import { beforeAll, describe, expect, it } from 'vitest';

import { contract } from '../../../shared/contract';
import { listChannels } from '../../../shared/ipc/contract-kit';

import { ensureBuilt, PRELOAD_BUNDLE } from './boot-runner';
import { reachable } from './leak-walk';
import { runPreloadInSandbox, type SandboxRun } from './preload-sandbox';

type Api = Record<string, Record<string, (...args: unknown[]) => unknown>>;

const INFO = { ok: true, value: { name: 'Trayplay', version: '0.1.0', platform: 'linux', shell: 'electron', demo: true } };

function boot(reply: (channel: string, args: unknown[]) => unknown = (channel) => (channel === 'app:getInfo' ? INFO : { ok: true, value: null })): SandboxRun & { calls: { channel: string; args: unknown[] }[] } {
  const calls: { channel: string; args: unknown[] }[] = [];
  const run = runPreloadInSandbox(PRELOAD_BUNDLE, {
    invoke: (channel, ...args) => {
      calls.push({ channel, args });
      return Promise.resolve(reply(channel, args));
    },
    send: (channel, ...args) => void calls.push({ channel, args }),
  });
  return { ...run, calls };
}

beforeAll(() => {
  ensureBuilt();
}, 60_000);

describe('the built preload in a sandboxed VM', () => {
  it('needs nothing outside the sandbox: only `electron` is required', () => {
    const run = boot();
    expect(run.required).toEqual(['electron']);
    // Its own (isolated) world may hold library state; the page's world must not.
    expect(run.isolatedGlobals.filter((g) => !g.startsWith('__zod'))).toEqual([]);
  });

  it('exposes exactly window.trayplay, shaped by the contract', () => {
    const run = boot();
    expect(Object.keys(run.mainWorld)).toEqual(['trayplay']);
    expect([...run.renderer.contextBridge.exposed.keys()]).toEqual(['trayplay']);
    const api = run.mainWorld.trayplay as Api;
    const expected = Object.fromEntries(Object.entries(contract).map(([domain, members]) => [domain, Object.keys(members).sort()]));
    const actual = Object.fromEntries(Object.entries(api).map(([domain, members]) => [domain, Object.keys(members).sort()]));
    expect(actual).toEqual(expected);
    for (const members of Object.values(api)) for (const member of Object.values(members)) expect(typeof member).toBe('function');
  });

  it('hands the page no ipcRenderer, require, process or module — not even deep inside the API, behind a getter or on a prototype', () => {
    const run = boot();
    const raw = run.renderer.contextBridge.exposed.get('trayplay');
    const values = reachable(raw);
    const ipc = run.renderer.ipcRenderer;
    const forbidden: [string, unknown][] = [
      ['ipcRenderer', ipc],
      ['ipcRenderer.send', ipc.send],
      ['ipcRenderer.invoke', ipc.invoke],
      ['ipcRenderer.on', ipc.on],
      ['contextBridge', run.renderer.contextBridge],
      // The exact objects the preload was given (not this test process's own, which it never saw).
      ['require', run.given.require],
      ['process', run.given.process],
      ['module', run.given.module],
      ['exports', run.given.exports],
      ['electron module', run.renderer.electronModule],
    ];
    for (const [name, value] of forbidden) expect(values.includes(value), `${name} is reachable from window.trayplay`).toBe(false);
  });

  it('calls become invokes on their contract channel and answers come back validated', async () => {
    const run = boot();
    const api = run.mainWorld.trayplay as Api;
    await expect(api.app!.getInfo!()).resolves.toEqual(INFO);
    await api.player!.seek!({ positionMs: 1000 });
    api.window!.showMain!();
    expect(run.calls.map((c) => c.channel)).toEqual(['app:getInfo', 'player:seek', 'window:showMain']);
    expect(run.calls[1]!.args).toEqual([{ positionMs: 1000 }]);
  });

  it('an answer that breaks the contract reaches the page as an error and main hears about it', async () => {
    const run = boot(() => ({ ok: true, value: { name: 42 } }));
    const api = run.mainWorld.trayplay as Api;
    const reply = (await api.app!.getInfo!()) as { ok: boolean };
    expect(reply.ok).toBe(false);
    expect(run.calls.some((c) => c.channel === 'app:log')).toBe(true);
  });

  it('events arrive on their channel and unsubscribe removes exactly that listener', () => {
    const run = boot();
    const api = run.mainWorld.trayplay as Api;
    const ipc = run.renderer.ipcRenderer;
    const seen: unknown[] = [];
    const off = api.app!.onState!((s: unknown) => seen.push(s)) as () => void;
    expect(ipc.listenerCount('app:onState')).toBe(1);
    off();
    expect(ipc.listenerCount('app:onState')).toBe(0);
    const eventChannels = listChannels(contract).filter((c) => c.spec.kind === 'event').map((c) => c.channel);
    // Nothing is listened to until the page subscribes: no channel outside the contract, ever.
    expect(ipc.eventNames().filter((n) => !eventChannels.includes(String(n)))).toEqual([]);
  });
});
