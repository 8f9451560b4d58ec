import { readSse } from '../../../src/main/core/formats/sse.ts';
import type { StreamEncoder, StreamEvent } from '../../../src/main/core/formats/types.ts';

export async function parseSseText(text: string): Promise<Array<{ event?: string; data: string }>> {
  const out: Array<{ event?: string; data: string }> = [];
  async function* one() {
    yield text;
  }
  for await (const m of readSse(one())) out.push(m.event === undefined ? { data: m.data } : { event: m.event, data: m.data });
  return out;
}

/** What the gateway does: run provider events through an encoder, then finish. */
export async function encodeAll(events: AsyncIterable<StreamEvent>, encoder: StreamEncoder): Promise<string> {
  let out = '';
  for await (const event of events) out += encoder.write(event);
  return out + encoder.finish();
}
