// Calls the gateway the way a newcomer would: the curl command the panel shows, run by a shell as pasted.

/**
 * Specs that call /v1 are marked fixme while this says why; set to null once `serve` mounts the gateway.
 * (gatewayWired() below tells at run time; a static mark keeps a broken gateway from silently skipping tests.)
 */
export const GATEWAY_PENDING: string | null = process.env.TOLLGATE_E2E_ENTRY ? null : 'serve does not mount the gateway yet: /v1/* answers with the panel (issue 4)';
import { execFile } from 'node:child_process';

export interface CurlResult {
  status: number;
  body: unknown;
}

/** Runs the snippet with `-s -w` appended to its first line, so the status code can be read after the body. */
export function runCurl(snippet: string): Promise<CurlResult> {
  const withStatus = snippet.replace(/^curl /, 'curl -s -w "\\n%{http_code}" ');
  return new Promise((resolve, reject) => {
    execFile('bash', ['-c', withStatus], { timeout: 20_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`curl failed: ${err.message}\n${stderr}`));
      const lines = stdout.trimEnd().split('\n');
      const status = Number(lines.pop());
      const text = lines.join('\n');
      let body: unknown = text;
      try { body = JSON.parse(text); } catch { /* not JSON: keep the text */ }
      resolve({ status, body });
    });
  });
}

/** One chat completion with a key, for tests that need many calls quickly (fetch, not a shell). */
export async function chat(baseUrl: string, key: string, model = 'mock-gpt'): Promise<CurlResult> {
  const r = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const text = await r.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* keep text */ }
  return { status: r.status, body };
}

/** Whether this server answers /v1 as a gateway (a 401 JSON error without a key) rather than with the panel's HTML. */
export async function gatewayWired(baseUrl: string): Promise<boolean> {
  const r = await fetch(`${baseUrl}/v1/models`);
  return (r.headers.get('content-type') ?? '').includes('json');
}
