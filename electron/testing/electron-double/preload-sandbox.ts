// Runs a built preload the way Electron runs a sandboxed one: a plain script (no ESM, no Node), wrapped
// with the few parameters Electron passes, whose `require` knows only the sandbox's modules.
import * as events from 'node:events';
import { readFileSync } from 'node:fs';
import * as timers from 'node:timers';
import * as url from 'node:url';
import { createContext, runInContext } from 'node:vm';

import { createRendererDouble, SANDBOX_MODULES, type IpcPeer } from './sandbox-modules';

export interface SandboxRun {
  /** The page's window, holding only what the bridge exposed. */
  readonly mainWorld: Record<string, unknown>;
  readonly renderer: ReturnType<typeof createRendererDouble>;
  /** Every `require` the preload made, allowed or not. */
  readonly required: string[];
  /** The isolated world's own globals after the preload ran. */
  readonly isolatedGlobals: string[];
  /** The very objects handed to the preload's wrapper, so a test can look for them by identity. */
  readonly given: { readonly require: unknown; readonly process: unknown; readonly module: unknown; readonly exports: unknown };
}

/** Electron's limited `process` in a sandboxed preload (no `binding`, no `mainModule`, no env of note). */
const sandboxProcess = () => ({
  type: 'renderer',
  sandboxed: true,
  contextIsolated: true,
  platform: process.platform,
  arch: process.arch,
  versions: { ...process.versions, electron: '45.4.1' },
  env: {},
  argv: [],
  execPath: '',
  pid: 1,
  on: () => undefined,
  once: () => undefined,
  nextTick: (fn: () => void) => queueMicrotask(fn),
});

export function runPreloadInSandbox(preloadPath: string, peer: IpcPeer): SandboxRun {
  const mainWorld: Record<string, unknown> = {};
  const renderer = createRendererDouble(peer, mainWorld);
  const required: string[] = [];
  const modules: Record<(typeof SANDBOX_MODULES)[number], unknown> = { electron: renderer.electronModule, events, timers, url };
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if ((SANDBOX_MODULES as readonly string[]).includes(name)) return modules[name as (typeof SANDBOX_MODULES)[number]];
    throw new Error(`module not found: ${name}`);
  };
  // The isolated world: JavaScript builtins and the Web platform bits a preload may touch; no Node.
  const isolated = createContext({ console, queueMicrotask, setTimeout, clearTimeout, URL, TextEncoder, TextDecoder, structuredClone });
  const before = new Set(Object.getOwnPropertyNames(runInContext('globalThis', isolated) as object));
  const source = readFileSync(preloadPath, 'utf8');
  const wrapped = `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {${source}\n})`;
  const fn = runInContext(wrapped, isolated, { filename: preloadPath }) as (...args: unknown[]) => void;
  const module = { exports: {} };
  const exports = module.exports;
  const processObject = sandboxProcess();
  fn(sandboxRequire, processObject, Buffer, runInContext('globalThis', isolated), setImmediate, clearImmediate, exports, module);
  const after = Object.getOwnPropertyNames(runInContext('globalThis', isolated) as object).filter((n) => !before.has(n));
  return { mainWorld, renderer, required, isolatedGlobals: after, given: { require: sandboxRequire, process: processObject, module, exports } };
}
