import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 as prng } from '../../src/main/core/lib/prng.ts';
import { engines } from '../helpers/engines.ts';
import type { GatewayFixture } from './fixture.ts';
import { charges, startGateway, usageRows } from './fixture.ts';

const PATHS = ['/v1/chat/completions', '/v1/messages', '/v1/responses', '/v1/embeddings', '/v1/messages/count_tokens', '/v1/models',
  '/v1/chat/completions?beta=true', '/v1/messages?beta=true', '/v1/unknown', '/v1/', '/v1/chat/completions/../../trpc'];
const JUNK: unknown[] = [null, true, 0, -1, 1e308, '', 'x', [], {}, [[[]]], { role: 'user' }, '\u0000\ud800', 'cpk_'];

/** Always-invalid bodies: each breaks a rule every endpoint enforces, so nothing may be charged. */
function badBody(rnd: () => number, validKey: boolean, path: string): { body: Buffer | string; contentType: string } {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Embeddings accept almost any extra field, so there the input itself is always broken.
  const input = path.startsWith('/v1/embeddings') ? pick([null, 7, {}, [{}], [[-1.5]], '']) : 'hi';
  const base = { model: 'mock-gpt', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }], input };
  const kind = Math.floor(rnd() * 9);
  switch (kind) {
    case 0: return { body: Buffer.from(Array.from({ length: Math.floor(rnd() * 300) }, () => Math.floor(rnd() * 256))), contentType: 'application/json' };
    case 1: { const s = JSON.stringify(base); return { body: s.slice(0, Math.floor(rnd() * (s.length - 1))), contentType: 'application/json' }; }
    case 2: return { body: JSON.stringify({ ...base, model: pick([null, 42, [], {}, '']) }), contentType: 'application/json' };
    case 3: return { body: JSON.stringify({ ...base, messages: pick([null, 'hi', 7, [{}], [{ role: 'wizard', content: 'x' }], [{ role: 'user', content: 5 }]]), input: pick([null, 7, {}, [{}]]) }), contentType: 'application/json' };
    case 4: return { body: JSON.stringify({ ...base, max_tokens: pick([-1, 0, 'many', 1.5, 1e12]), max_output_tokens: -5, stream: pick(['yes', 3, {}]) }), contentType: 'application/json' };
    case 5: return { body: JSON.stringify(pick(JUNK)), contentType: pick(['application/json', 'text/plain', '']) };
    case 6: return { body: '['.repeat(5000) + ']'.repeat(5000), contentType: 'application/json' };
    case 7: return { body: JSON.stringify({ ...base, model: `unpriced-${Math.floor(rnd() * 1e6)}` }), contentType: 'application/json' };
    default: return { body: validKey ? JSON.stringify({ ...base, temperature: 'hot', messages: [{ role: 'user', content: [{ type: 'mystery' }] }] }) : JSON.stringify(base), contentType: 'application/json' };
  }
}

describe.each(engines())('fuzzing the gateway on $name', (engine) => {
  let f: GatewayFixture;
  beforeAll(async () => {
    if (!engine.available) return;
    f = await startGateway(engine);
  });
  afterAll(async () => f?.t.close());

  it.skipIf(!engine.available)('answers 10,000 random and malformed requests, stays up, and charges nothing', async () => {
    const rnd = prng(20261121);
    const pool = new Pool(f.url, { connections: 16, pipelining: 1 });
    const statuses = new Map<number, number>();
    const N = 10_000;
    let next = 0;
    const worker = async () => {
      while (next < N) {
        const i = next++;
        const path = PATHS[Math.floor(rnd() * PATHS.length)]!;
        const keyKind = Math.floor(rnd() * 5);
        const validKey = keyKind === 0 || keyKind === 1;
        const headers: Record<string, string> = {};
        if (keyKind === 0) headers.authorization = `Bearer ${f.key}`;
        if (keyKind === 1) headers['x-api-key'] = f.key;
        if (keyKind === 2) headers.authorization = `Bearer cpk_${'z'.repeat(Math.floor(rnd() * 60))}`;
        if (keyKind === 3) headers.authorization = ['Basic x', 'Bearer', 'bearer  ', `Bearer ${'a'.repeat(5000)}`][i % 4]!;
        const { body, contentType } = badBody(rnd, validKey, path);
        if (contentType) headers['content-type'] = contentType;
        const method = rnd() < 0.1 ? (['GET', 'PUT', 'DELETE', 'PATCH'] as const)[i % 4]! : 'POST';
        const res = await pool.request({ path, method, headers, body: method === 'GET' ? null : body });
        const text = await res.body.text();
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        // Every refusal is a JSON error with a stable code, in the endpoint's own shape.
        if (res.statusCode >= 400) {
          const parsed = JSON.parse(text) as { error?: { code?: string; type?: string } };
          expect(parsed.error?.code ?? parsed.error?.type, `${method} ${path} → ${res.statusCode} ${text.slice(0, 200)}`).toBeTruthy();
        }
        expect(res.statusCode, `${method} ${path} → ${text.slice(0, 300)}`).not.toBe(500);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await pool.close();
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(N);
    // GET /v1/models with a valid key is a legitimate 200 and costs nothing; nothing else may succeed.
    for (const s of statuses.keys()) expect([200, 400, 401, 403, 404, 413]).toContain(s);
    expect((await fetch(`${f.url}/health`)).status).toBe(200);
    expect(await charges(f)).toEqual([]);
    expect((await usageRows(f)).filter((u) => u.costMicro > 0)).toEqual([]);
  });
});
