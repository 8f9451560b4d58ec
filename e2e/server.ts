// Starts headless `serve` on a fresh data folder and any free port, as a user would (`node src/main/serve.ts`).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface RunningServer {
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}

export async function startServer(extraArgs: string[] = []): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-'));
  const child: ChildProcess = spawn(process.execPath,
    [join(ROOT, 'src/main/serve.ts'), '--port', '0', '--data-dir', dataDir, '--log-level', 'warn', ...extraArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(log);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => { log += c.toString(); });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening:\n${log}`)));
  });
  return {
    url, dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
