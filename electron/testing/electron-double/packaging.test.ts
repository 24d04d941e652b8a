// Packaging checked without an Electron binary: electron-builder.yml against electron-builder's own schema
// validator, and the app.asar electron-builder would make — its own file matcher over the `files` globs,
// plus the production dependencies it always copies — built with @electron/asar and looked into.
import { builtinModules } from 'node:module';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import * as asar from '@electron/asar';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureBuilt, ROOT } from './boot-runner';

interface BuilderConfig {
  files: string[];
  extraMetadata?: { main?: string };
  directories: { output: string; buildResources: string };
  linux?: Record<string, unknown>;
  [key: string]: unknown;
}
type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean;
interface FileMatcherLike {
  createFilter(): Filter;
}

const require = createRequire(import.meta.url);
// electron-builder's own code (pinned in package-lock.json): the schema validator and the file matcher.
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(...args: unknown[]): FileMatcherLike[];
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

/** The files electron-builder takes from the project, as paths relative to it. */
function appFiles(): string[] {
  const matchers = getMainFileMatchers(
    ROOT,
    '/app',
    (pattern: string) => pattern,
    config.linux ?? {},
    { info: { projectDir: ROOT, buildResourcesDir: config.directories.buildResources, config, isPrepackedAppAsar: false, debugLogger: new DebugLogger(false) } },
    join(ROOT, config.directories.output),
    false,
  );
  const filter = matchers[0]!.createFilter();
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (!filter(path, stat)) continue;
      if (stat.isDirectory()) walk(path);
      else out.push(relative(ROOT, path));
    }
  };
  walk(ROOT);
  return out.sort();
}

/** What electron-builder copies besides `files`: every installed production dependency (not dev). */
function productionDependencies(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    .map(([path]) => path);
}

let work: string;
let archive: string;
let entries: string[];

beforeAll(async () => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'trayplay-asar-'));
  const stage = join(work, 'app');
  for (const file of appFiles()) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    cpSync(join(ROOT, file), join(stage, file));
  }
  for (const dependency of productionDependencies()) cpSync(join(ROOT, dependency), join(stage, dependency), { recursive: true });
  // extraMetadata is merged into the packaged package.json.
  writeFileSync(join(stage, 'package.json'), JSON.stringify({ ...packageJson, ...config.extraMetadata }, null, 2));
  archive = join(work, 'app.asar');
  await asar.createPackage(stage, archive);
  entries = asar.listPackage(archive, { isPack: false }).map((e) => e.replace(/\\/g, '/'));
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation (app-builder-lib/scheme.json)", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  }, 30_000);

  it('the validation is real: an unknown option or a wrong type is refused', async () => {
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, desktopFile: 1 } }, new DebugLogger(false))).rejects.toThrow(/configuration/);
    await expect(validateConfiguration({ ...config, asar: 'yes' }, new DebugLogger(false))).rejects.toThrow(/asar/);
  });

  it('registers the sign-in scheme and keeps the fuses that close code execution', () => {
    expect(config.protocols).toEqual([{ name: 'Trayplay sign-in', schemes: ['trayplay'] }]);
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });
});

describe('the app.asar built from the `files` globs', () => {
  it('holds both bundles and both pages', () => {
    for (const file of ['/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/dist/renderer/mini.html']) {
      expect(entries, file).toContain(file);
    }
    expect(entries.some((e) => /^\/dist\/renderer\/assets\/.+\.js$/.test(e))).toBe(true);
  });

  it("has a package.json whose main is the main bundle, and that file is in the archive", () => {
    const packaged = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main: string; name: string };
    expect(packaged.main).toBe('dist/electron/main.cjs');
    expect(entries).toContain(`/${packaged.main}`);
  });

  it('ships no source maps, no node_modules, and nothing outside dist/ but package.json', () => {
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    expect(entries.filter((e) => e.includes('node_modules')).slice(0, 5), 'production dependencies would be copied into the asar').toEqual([]);
    const files = entries.filter((e) => !statInArchive(e).isDirectory);
    expect(files.filter((e) => !e.startsWith('/dist/') && e !== '/package.json')).toEqual([]);
  });

  it('the main bundle needs nothing at run time but Electron and Node (no node_modules ship)', () => {
    const source = asar.extractFile(archive, 'dist/electron/main.cjs').toString('utf8');
    // Calls only: ajv keeps `require("ajv/dist/runtime/…")` in template strings for its standalone output.
    const required = new Set([...source.matchAll(/(?<!`)\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!));
    const allowed = new Set(['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect([...required].filter((r) => !allowed.has(r))).toEqual([]);
  });

  it('every script and stylesheet a page names is in the archive, by a relative path', () => {
    for (const page of ['index.html', 'mini.html']) {
      const html = asar.extractFile(archive, `dist/renderer/${page}`).toString('utf8');
      const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((r) => !/^(https?:|data:|#)/.test(r));
      expect(refs.length, page).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(ref.startsWith('/'), `${page} names ${ref} by an absolute path`).toBe(false);
        expect(entries, `${page} → ${ref}`).toContain(`/dist/renderer/${ref.replace(/^\.\//, '')}`);
      }
    }
  });
});

function statInArchive(entry: string): { isDirectory: boolean } {
  const stat = asar.statFile(archive, entry.slice(1)) as { files?: unknown };
  return { isDirectory: stat.files !== undefined };
}
