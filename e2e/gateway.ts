// Calls the gateway the way a newcomer would: the curl command the panel shows, run by a shell as pasted.
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

/** One chat completion with a key, for tests that need many calls quickly (fetch, not a shell); `stream` reads SSE. */
export async function chat(baseUrl: string, key: string, model = 'mock-gpt', stream = false): Promise<CurlResult> {
  const r = await fetch(`${baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...(stream ? { stream: true } : {}) }),
  });
  const text = await r.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* keep text */ }
  return { status: r.status, body };
}
