#!/usr/bin/env node
// `tollgate serve [flags]`: the headless server (same flags as `npm run serve`). The sources are TypeScript that
// Node >= 22.18 runs directly, so this only checks the command and hands over.
const [command, ...rest] = process.argv.slice(2);
if (command !== 'serve') {
  process.stderr.write('usage: tollgate serve [--port N] [--host H] [--data-dir DIR] [--database-url URL] [--demo]\n');
  process.exit(command === undefined || command === '--help' || command === '-h' ? 0 : 2);
}
process.argv = [process.argv[0], process.argv[1], ...rest];
await import('../src/main/serve.ts');
