// The writer thread's poller: under light traffic it answers the next request from its port without sleeping;
// otherwise it leaves the port to the event loop. A fake clock advances on every read so the deadlines are exact.
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { POLL_CAP_MS, Poller } from '../../src/main/core/ledger/poller.ts';

function rig(stepMs = 0.01) {
  const { port1, port2 } = new MessageChannel();
  let t = 0;
  let reads = 0;
  const now = () => {
    reads += 1;
    t += stepMs;
    return t;
  };
  const poller = new Poller(port1, now);
  const wait = (ms: number) => { t += ms; };
  return { port1, port2, poller, wait, reads: () => reads };
}

const opened: MessageChannel['port1'][] = [];
afterEach(() => {
  for (const p of opened.splice(0)) p.close();
});

describe('Poller', () => {
  it('does not poll before it has seen a gap, nor after a batch that was not quiet', () => {
    const r = rig();
    opened.push(r.port1);
    r.port2.postMessage('waiting');
    expect(r.poller.next(true)).toBeUndefined(); // no gap known yet
    r.wait(0.3);
    r.poller.arrived();
    expect(r.poller.next(false)).toBeUndefined(); // busy traffic: the event loop delivers it
  });

  it('answers the next request from the port after a quiet batch when gaps are short', () => {
    const r = rig();
    opened.push(r.port1);
    r.poller.next(true);
    r.wait(0.5);
    r.poller.arrived(); // last gap ~0.5 ms
    r.port2.postMessage({ id: 7 }); // queued at once: receiveMessageOnPort sees it without a turn of the loop
    expect(r.poller.next(true)).toEqual({ id: 7 });
  });

  it('gives up after twice the last gap and leaves later requests to the event loop', async () => {
    const r = rig(0.05);
    opened.push(r.port1);
    r.poller.next(true);
    r.wait(0.4);
    r.poller.arrived(); // last gap 0.4 ms plus a clock read: the window is under 1 ms
    const before = r.reads();
    expect(r.poller.next(true)).toBeUndefined();
    // under 1 ms at 0.05 ms per read: about 20 reads, not an unbounded spin nor the 2 ms cap
    const reads = r.reads() - before;
    expect(reads).toBeGreaterThan(10);
    expect(reads).toBeLessThanOrEqual(1 / 0.05 + 2);
    const got = new Promise((res) => r.port1.once('message', res));
    r.port2.postMessage('late');
    await expect(got).resolves.toBe('late');
  });

  it('stops polling once a gap reaches the cap, and starts again after a short one', () => {
    const r = rig();
    opened.push(r.port1);
    r.poller.next(true);
    r.wait(POLL_CAP_MS + 1);
    r.poller.arrived();
    r.port2.postMessage('after a long gap');
    expect(r.poller.next(true)).toBeUndefined();
    r.wait(0.2);
    r.poller.arrived();
    expect(r.poller.next(true)).toBe('after a long gap');
  });
});
