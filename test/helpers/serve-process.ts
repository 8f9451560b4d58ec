import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './engines.ts';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** Starts `node src/main/serve.ts` as a child and waits for its "listening" line. */
export async function startServe(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'src/main/serve.ts'), '--port', String(port), ...args], {
    // Never the user's real data folder: a temp dir unless the test names one.
    cwd: ROOT, env: { ...process.env, TOLLGATE_DATA_DIR: mkdtempSync(join(tmpdir(), 'tollgate-serve-')), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, sig) => resolve(code ?? sig ?? -1)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((c) => reject(new Error(`serve exited (${c}) before listening:\n${out}`)));
  });
  return { child, url, port, output: () => out, exited };
}

export async function stopServe(p: ServeProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  return p.exited;
}

/** Minimal tRPC-over-HTTP client: what a browser or script would send. */
export async function trpc(url: string, path: string, input: unknown, opts: { token?: string; method?: 'GET' | 'POST'; headers?: Record<string, string> } = {}) {
  const method = opts.method ?? 'POST';
  const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const target = method === 'GET'
    ? `${url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
    : `${url}/trpc/${path}`;
  const res = await fetch(target, { method, headers, ...(method === 'POST' ? { body: JSON.stringify(input) } : {}) });
  const body = (await res.json()) as { result?: { data: unknown }; error?: { message: string; data?: { code: string } } };
  return { status: res.status, data: body.result?.data as any, error: body.error, headers: res.headers };
}
