import { describe, expect, it } from 'vitest';
import config, { RENDERER_CSP } from '../../electron.vite.config.ts';

// The electron-vite settings the rest of the app depends on (DESIGN.md "Known traps"), checked without building.
describe('electron.vite.config', () => {
  const c = config as unknown as Record<'main' | 'preload' | 'renderer', { [k: string]: any }>;

  it('builds the preload as one self-contained CommonJS .cjs file (sandbox: true under "type": "module")', () => {
    const out = c.preload.build.rolldownOptions.output;
    expect(out).toMatchObject({ format: 'cjs', entryFileNames: '[name].cjs' });
    expect(c.preload.build.externalizeDeps).toBe(false);
  });

  it('builds main as ESM from src/main/index.ts with dependencies left in node_modules', () => {
    expect(c.main.build.rolldownOptions.input.index).toMatch(/src\/main\/index\.ts$/);
    expect(c.main.build.rolldownOptions.output.format).toBe('es');
    expect(c.main.build.externalizeDeps).toBe(true);
  });

  it('builds a minified renderer with relative asset URLs into out/renderer', () => {
    expect(c.renderer.base).toBe('./');
    expect(c.renderer.build.minify).toBe(true);
    expect(c.renderer.build.outDir).toMatch(/out\/renderer$/);
  });

  it('gives the page the same script policy the headless server sends', () => {
    expect(RENDERER_CSP).toContain("script-src 'self';");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});
