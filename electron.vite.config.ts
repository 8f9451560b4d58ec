import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { WORKER_ENTRIES } from './src/main/shell/paths.ts';

/**
 * The panel's Content-Security-Policy, the same one the headless server sends as a header. In Electron the page
 * comes from file:// (no headers), so the built index.html carries it as a meta tag. Added at build time only:
 * the dev server's React Refresh preamble is an inline script that this policy would block.
 */
export const RENDERER_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
  + "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'self'";

function cspMeta(): Plugin {
  return {
    name: 'tollgate:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      // Dependencies stay in node_modules (better-sqlite3 is native, pino loads transports by name).
      externalizeDeps: true,
      // ESM because package.json says "type": "module"; electron-vite picks it, stated here so it is not a surprise.
      rolldownOptions: {
        // The piscina worker files are entries of their own: the shell passes their built paths to the core
        // (shell/paths.ts), which cannot find its source-relative default inside a bundle.
        input: {
          index: resolve('src/main/index.ts'),
          [WORKER_ENTRIES.ledger]: resolve('src/main/core/ledger/writer.worker.ts'),
          [WORKER_ENTRIES.analytics]: resolve('src/main/core/analytics/reader.worker.ts'),
        },
        output: { format: 'es' },
        // Piscina calls the workers' exports by name (default, rebuildRollups, verify…): keep every one.
        preserveEntrySignatures: 'strict',
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load ESM or require files from node_modules: one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    // Relative asset URLs: the same build loads from file:// (Electron) and from http://host/ (headless).
    base: './',
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve('out/renderer'),
      minify: true,
      rolldownOptions: { input: resolve('src/renderer/index.html') },
    },
  },
});
