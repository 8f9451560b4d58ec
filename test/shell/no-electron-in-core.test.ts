import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Architecture rules from DESIGN.md, checked on the source text: the core runs in plain Node (no electron), and
// the renderer runs in a sandboxed page (no Node built-ins, nothing from the main process but types).

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

interface ImportRef {
  specifier: string;
  /** `import type` / `export type`: erased at build, never loaded. */
  typeOnly: boolean;
  line: number;
}

/** Every module reference: static import/export (multi-line too), side-effect import, dynamic import, require. */
export function findImports(text: string): ImportRef[] {
  const refs: ImportRef[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const patterns: [RegExp, (m: RegExpExecArray) => boolean][] = [
    [/(?:^|[;\n])\s*(?:import|export)\s+(type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, (m) => m[1] !== undefined],
    [/(?:^|[;\n])\s*import\s*()['"]([^'"]+)['"]/g, () => false],
    [/\bimport\s*\(\s*()['"`]([^'"`]+)['"`]/g, () => false],
    [/\brequire\s*\(\s*()['"`]([^'"`]+)['"`]/g, () => false],
  ];
  for (const [re, typeOnly] of patterns) {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      refs.push({ specifier: m[2] ?? '', typeOnly: typeOnly(m), line: lineOf(m.index + m[0].length) });
    }
  }
  return refs;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function violations(files: string[], bad: (ref: ImportRef, file: string) => boolean): string[] {
  const out: string[] = [];
  for (const file of files) {
    for (const ref of findImports(readFileSync(file, 'utf8'))) {
      if (bad(ref, file)) out.push(`${relative(ROOT, file)}:${ref.line} imports '${ref.specifier}'`);
    }
  }
  return out;
}

const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeBuiltin = (s: string) => s.startsWith('node:') || NODE_BUILTINS.has(s) || NODE_BUILTINS.has(s.split('/')[0] ?? '');

describe('architecture boundaries', () => {
  it('finds every kind of import (the scanner itself)', () => {
    const sample = [
      "import { app } from 'electron';",
      'import type {',
      '  BrowserWindow,',
      "} from 'electron/main';",
      "import 'electron';",
      "export * from './x.ts';",
      "const e = await import('electron');",
      "const r = require(\"electron\");",
    ].join('\n');
    expect(findImports(sample).map((r) => [r.specifier, r.typeOnly])).toEqual([
      ['electron', false], ['electron/main', true], ['./x.ts', false], ['electron', false], ['electron', false],
      ['electron', false],
    ]);
  });

  it('keeps electron out of the core and the headless entries (serve, rekey)', () => {
    const main = join(ROOT, 'src/main');
    const files = [
      ...filesUnder(join(main, 'core')),
      ...readdirSync(main).filter((f) => /^(serve.*|rekey)\.ts$/.test(f)).map((f) => join(main, f)),
    ];
    expect(files.length).toBeGreaterThan(10);
    expect(files).toContain(join(main, 'rekey.ts'));
    expect(violations(files, (ref) => isElectron(ref.specifier))).toEqual([]);
  });

  // The shell stays thin: only these adapters load electron; every other shell module runs (and is tested) in Node.
  const ELECTRON_ADAPTERS = ['main.ts', 'tray.ts', 'window.ts'];

  it('loads electron only in the shell\'s adapters', () => {
    const shell = join(ROOT, 'src/main/shell');
    const plain = filesUnder(shell).filter((f) => !ELECTRON_ADAPTERS.includes(relative(shell, f)));
    expect(plain.length).toBeGreaterThanOrEqual(8);
    expect(violations(plain, (ref) => isElectron(ref.specifier) && !ref.typeOnly)).toEqual([]);
  });

  // Pure modules the panel shares with the server so forms validate with the server's own rules.
  const ISOMORPHIC = ['src/main/core/api/schemas.ts', 'src/main/core/db/schema/enums.ts', 'src/main/core/governance/policy-merge.ts'];

  it('keeps Node built-ins, electron and main-process code out of the renderer (types and shared pure modules excepted)', () => {
    const files = filesUnder(join(ROOT, 'src/renderer'));
    expect(files.length).toBeGreaterThan(3);
    const mainDir = join(ROOT, 'src/main');
    const target = (spec: string, file: string) => relative(ROOT, resolve(dirname(file), spec));
    const intoMain = (spec: string, file: string) =>
      spec.startsWith('.') && !relative(mainDir, resolve(dirname(file), spec)).startsWith('..') && !ISOMORPHIC.includes(target(spec, file));
    expect(violations(files, (ref, file) =>
      isNodeBuiltin(ref.specifier) || isElectron(ref.specifier) || (intoMain(ref.specifier, file) && !ref.typeOnly),
    )).toEqual([]);
  });

  it('keeps the shared pure modules pure: only zod and each other', () => {
    const files = ISOMORPHIC.map((f) => join(ROOT, f));
    expect(violations(files, (ref, file) => !ref.typeOnly && ref.specifier !== 'zod'
      && !(ref.specifier.startsWith('.') && ISOMORPHIC.includes(relative(ROOT, resolve(dirname(file), ref.specifier)))))).toEqual([]);
  });

  it('keeps the sandboxed preload down to electron and its own folder', () => {
    const dir = join(ROOT, 'src/preload');
    const own = (spec: string, file: string) => spec.startsWith('.') && !relative(dir, resolve(dirname(file), spec)).startsWith('..');
    expect(violations(filesUnder(dir), (ref, file) => !ref.typeOnly && !isElectron(ref.specifier) && !own(ref.specifier, file)))
      .toEqual([]);
  });
});
