import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../helpers/engines.ts';
import type { GatewayFixture } from './fixture.ts';
import { charges, startGateway } from './fixture.ts';

type WriteFn = (this: Socket, ...args: unknown[]) => unknown;

/** Records what the gateway's own sockets (local port = the gateway's) hand the kernel, one entry per write. */
function recordServerWrites(port: number): { writes: string[]; restore: () => void } {
  const proto = Socket.prototype as unknown as { _write: WriteFn; _writev: WriteFn };
  const { _write: write, _writev: writev } = proto;
  const writes: string[] = [];
  proto._write = function (this: Socket, ...args: unknown[]) {
    if (this.localPort === port) writes.push(String(args[0]));
    return write.apply(this, args);
  };
  proto._writev = function (this: Socket, ...args: unknown[]) {
    if (this.localPort === port) writes.push((args[0] as { chunk: unknown }[]).map((c) => String(c.chunk)).join(''));
    return writev.apply(this, args);
  };
  return { writes, restore: () => Object.assign(proto, { _write: write, _writev: writev }) };
}

describe.each(engines())('a short streamed answer on $name', (engine) => {
  let f: GatewayFixture;

  beforeAll(async () => {
    if (!engine.available) return;
    f = await startGateway(engine); // the mock answers a stream at once, as a short answer arrives whole
  });
  afterAll(async () => {
    await f?.t.close();
  });

  it.skipIf(!engine.available)('leaves the gateway in one write, its closing frames and charge included', async () => {
    const rec = recordServerWrites(Number(new URL(f.url).port));
    let body: string;
    let requestId: string | null;
    try {
      const res = await fetch(`${f.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${f.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock-gpt', stream: true, messages: [{ role: 'user', content: 'short' }] }),
      });
      requestId = res.headers.get('x-tollgate-request-id');
      body = await res.text();
    } finally {
      rec.restore();
    }
    // Headers, every content event, the charge comment and [DONE]: one syscall, not a flush before the commit and
    // another after it.
    expect(rec.writes).toHaveLength(1);
    const [only] = rec.writes;
    expect(only).toMatch(/^HTTP\/1\.1 200/);
    expect(only).toContain('"content":"');
    expect(only).toContain(': tollgate credits_charged=');
    expect(only).toContain('data: [DONE]\n\n');
    expect(only!.endsWith('\r\n0\r\n\r\n')).toBe(true); // the chunked body's last chunk: the response is complete
    const text = [...body.matchAll(/"content":"([^"]*)"/g)].map((m) => m[1]).join('');
    expect(text).toBe('This is a mock response. You said: short');
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
    expect((await charges(f)).filter((c) => c.requestId === requestId)).toHaveLength(1);
  });
});
