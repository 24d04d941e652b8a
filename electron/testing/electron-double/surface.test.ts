// The app typechecked against the double instead of electron.d.ts: every Electron member main, the
// adapters and the preload use must exist in the double with a compatible type, or this fails with the
// compiler's error. (The double itself is typechecked against electron.d.ts by `tsc -b`.)
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

import { ROOT } from './boot-runner';

const HERE = import.meta.dirname;
const ELECTRON_DTS = join(ROOT, 'node_modules/electron/electron.d.ts');
// The compiler reads through symlinks (a worktree's node_modules may be a link), so match either path.
const ELECTRON_DTS_PATHS = new Set([ELECTRON_DTS, realpathSync(ELECTRON_DTS)].map((p) => p.replace(/\\/g, '/')));

/** electron.d.ts without its `declare module 'electron…'` blocks: the Electron namespace stays, the module goes. */
const namespaceOnly = readFileSync(ELECTRON_DTS, 'utf8').replace(/declare module 'electron(?:\/\w+)?' \{[\s\S]*?\n\}/g, '');

function appFiles(): string[] {
  const adapters = readdirSync(join(ROOT, 'electron/adapters'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(ROOT, 'electron/adapters', f));
  return [join(ROOT, 'electron/main.ts'), ...adapters];
}

const PRELOAD = join(ROOT, 'electron/preload.ts');
const PROBE = join(ROOT, 'electron/adapters/zz-surface-probe.ts');
const PROBE_SOURCE = "import { app, autoUpdater } from 'electron';\napp.setBadgeCount(3);\nexport const checked = autoUpdater.checkForUpdates();\n";

/**
 * One program over main, the adapters, the preload and a probe, with 'electron' resolved to the double's
 * main-process surface (the preload: its sandbox surface). Returns each file's errors.
 */
function check(): Map<string, string[]> {
  const roots = [...appFiles(), PRELOAD, PROBE];
  const virtual: Record<string, string> = { [PROBE]: PROBE_SOURCE };
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.electron.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const options: ts.CompilerOptions = { ...config.options, noEmit: true, composite: false, declaration: false, emitDeclarationOnly: false, incremental: false, tsBuildInfoFile: undefined };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) => {
    if (file in virtual) return ts.createSourceFile(file, virtual[file]!, language);
    if (ELECTRON_DTS_PATHS.has(file.replace(/\\/g, '/'))) return ts.createSourceFile(file, namespaceOnly, language);
    return getSourceFile(file, language, onError, create);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file in virtual || fileExists(file);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => virtual[file] ?? readFile(file);
  host.resolveModuleNameLiterals = (literals, containingFile, _redirect, opts) =>
    literals.map((literal) => {
      if (literal.text !== 'electron') return ts.resolveModuleName(literal.text, containingFile, opts, host);
      const surface = containingFile === PRELOAD ? 'renderer-surface.ts' : 'main-surface.ts';
      return { resolvedModule: { resolvedFileName: join(HERE, surface), extension: ts.Extension.Ts, isExternalLibraryImport: false } };
    });
  const program = ts.createProgram({ rootNames: roots, options, host });
  // Only the files that talk to Electron are checked (their imports are read as needed, not checked whole).
  return new Map(
    roots.map((file) => {
      const source = program.getSourceFile(file);
      const diagnostics = source ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)] : [];
      return [file, diagnostics.map((d) => `${file.slice(ROOT.length + 1)}:${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)];
    }),
  );
}

let errors: Map<string, string[]>;
beforeAll(() => {
  errors = check();
}, 120_000);

describe('the app typechecked against the double', () => {
  it('main.ts and every adapter use only what the double has', () => {
    expect(appFiles().flatMap((f) => errors.get(f) ?? [])).toEqual([]);
  });

  it('the preload uses only what the sandbox double has', () => {
    expect(errors.get(PRELOAD)).toEqual([]);
  });

  it('a member the double lacks is a compile error, not a silent pass', () => {
    const probe = (errors.get(PROBE) ?? []).join('\n');
    expect(probe).toMatch(/setBadgeCount/);
    expect(probe).toMatch(/autoUpdater/);
  });
});
