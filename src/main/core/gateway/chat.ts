import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { SSE_HEADERS } from '../formats/sse.ts';
import { estimateUsage } from '../formats/tokens.ts';
import type { ChatRequest, ChatResult, StreamEncoder, StreamEvent, ToolCall, Usage } from '../formats/types.ts';
import type { Admitted, Caller } from './admission.ts';
import { admit } from './admission.ts';
import type { Hold, RequestFacts } from './biller.ts';
import type { GatewayContext } from './context.ts';
import type { ErrorShape } from './errors.ts';
import { GatewayError } from './errors.ts';
import { callOptions } from './provider-call.ts';
import { ClientGone, toGatewayError } from './upstream-errors.ts';

export interface Billing {
  creditsCharged: number;
  latencyMs: number;
  requestId: string;
}

/** One chat wire format: how to read its body and write its answers. */
export interface ChatFormat {
  endpoint: string;
  shape: ErrorShape;
  parse(body: Record<string, unknown>): ChatRequest;
  render(result: ChatResult, req: ChatRequest, billing: Billing): Record<string, unknown>;
  encoder(req: ChatRequest): StreamEncoder;
}

interface Flight {
  g: GatewayContext;
  caller: Caller;
  admitted: Admitted;
  hold: Hold;
  facts: RequestFacts;
}

/** Trues up the TPM buckets: the estimate taken at admission becomes the tokens actually used (none on failure). */
export function settleTpm(g: GatewayContext, admitted: Admitted, usage: Usage | null): void {
  const used = usage ? usage.inputTokens + usage.outputTokens : 0;
  for (const k of admitted.tpmKeys) g.limiter.adjust(k, admitted.tpmEstimate - used);
}

async function charge(f: Flight, usage: Usage): Promise<number> {
  settleTpm(f.g, f.admitted, usage);
  return f.g.biller.settle(f.hold, f.caller, f.admitted.price, usage, f.facts);
}

async function fail(f: Flight, err: GatewayError): Promise<never> {
  settleTpm(f.g, f.admitted, null);
  await f.g.biller.release(f.hold, f.caller, f.facts, err.status, err);
  throw err;
}

/** Admission, reservation, provider call and settlement for one chat request (JSON or SSE). */
export async function governedChat(
  g: GatewayContext, fmt: ChatFormat, caller: Caller, body: Record<string, unknown>, bodyBytes: number,
  req: IncomingMessage, res: ServerResponse, facts: RequestFacts,
): Promise<void> {
  let chat: ChatRequest;
  try {
    chat = fmt.parse(body);
  } catch (err) {
    throw new GatewayError('invalid_request', toGatewayError(err).message);
  }
  facts.model = chat.model;
  let admitted: Admitted;
  let hold: Hold;
  try {
    admitted = admit(caller, chat.model, chat.maxTokens, Math.ceil(bodyBytes / 4), g.limiter);
    // The upstream may never produce more than we reserved for.
    chat.maxTokens = admitted.maxOutputTokens;
    const loading = g.biller.pending(caller.org.org.id);
    if (loading) await loading;
    try {
      hold = g.biller.reserve(caller, g.biller.upperBound(admitted.price, bodyBytes, admitted.maxOutputTokens), facts.requestId);
    } catch (err) {
      settleTpm(g, admitted, null);
      throw err;
    }
  } catch (err) {
    if (err instanceof GatewayError) await g.biller.deny(caller, facts, err);
    throw err;
  }
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new ClientGone());
  });
  const { opts, source } = callOptions(caller, admitted.route, g.managed, controller.signal, req.headers);
  facts.provider = admitted.route.provider;
  facts.credentialSource = source;
  const flight: Flight = { g, caller, admitted, hold, facts };
  const provider = g.providers.get(admitted.route.provider);

  if (!chat.stream) {
    let result: ChatResult;
    try {
      result = await provider.chat(chat, opts);
    } catch (err) {
      return fail(flight, toGatewayError(err));
    }
    const micro = await charge(flight, result.usage);
    const billing: Billing = { creditsCharged: micro / g.microPerCredit, latencyMs: Math.round(performance.now() - facts.startedPerf), requestId: facts.requestId };
    const text = JSON.stringify(fmt.render(result, chat, billing));
    res.writeHead(200, {
      'content-type': 'application/json', 'content-length': Buffer.byteLength(text),
      'x-tollgate-request-id': facts.requestId, 'x-tollgate-credits-charged': String(billing.creditsCharged),
    });
    res.end(text);
    return;
  }
  await streamChat(flight, fmt, chat, provider.chatStream(chat, opts), res, controller.signal);
}

/** A streamed answer's state for coalesce: whether the upstream has finished. */
interface Burst {
  ended: boolean;
}

/**
 * Corks the response's socket until the current burst of work is done: the events parsed from one upstream chunk
 * go out in one writev instead of a syscall each (and the loopback delivery each costs). The flush waits for
 * setImmediate, after the burst's promise continuations, so it can see whether the upstream finished within the
 * burst, as a short answer's last chunk and end arrive together: then the socket stays corked and end() sends the
 * burst with the closing frames once the charge is committed, one write instead of two. Otherwise nothing waits
 * longer than this turn of the event loop. The socket, not the response: ServerResponse.uncork flushes its held
 * chunks as separate socket writes. end() uncorks the socket fully, whatever the count.
 */
function coalesce(res: ServerResponse, burst: Burst): void {
  const socket = res.socket;
  if (!socket || socket.writableCorked) return;
  socket.cork();
  setImmediate(flush, socket, burst);
}

/** One uncork for our one cork (a no-op when end() has flushed the socket meanwhile); none once the upstream ended. */
function flush(socket: Socket, burst: Burst): void {
  if (!burst.ended) socket.uncork();
}

async function streamChat(
  f: Flight, fmt: ChatFormat, chat: ChatRequest, events: AsyncIterable<StreamEvent>,
  res: ServerResponse, signal: AbortSignal,
): Promise<void> {
  const enc = fmt.encoder(chat);
  let started = false;
  let usage: Usage | null = null;
  let delivered = '';
  const calls = new Map<number, ToolCall>();
  const burst: Burst = { ended: false };
  // What was actually delivered, billed by estimate when the stream did not finish normally.
  const deliveredUsage = (): Usage => ({ ...estimateUsage(chat, delivered, [...calls.values()]), estimated: true });
  try {
    for await (const ev of events) {
      if (!started) {
        res.writeHead(200, { ...SSE_HEADERS, 'x-tollgate-request-id': f.facts.requestId });
        started = true;
      }
      if (ev.type === 'usage') usage = ev.usage;
      else if (ev.type === 'text') {
        if (f.facts.ttftMs === null) f.facts.ttftMs = Math.round(performance.now() - f.facts.startedPerf);
        delivered += ev.delta;
      } else if (ev.type === 'tool_call_delta') {
        const c = calls.get(ev.index) ?? { id: ev.id ?? '', name: ev.name ?? '', arguments: '' };
        c.arguments += ev.argumentsDelta;
        calls.set(ev.index, c);
      }
      const out = enc.write(ev);
      if (out && !res.destroyed) {
        coalesce(res, burst);
        res.write(out);
      }
    }
    burst.ended = true;
  } catch (err) {
    if (signal.aborted && signal.reason instanceof ClientGone) {
      await charge(f, deliveredUsage());
      return;
    }
    const gerr = toGatewayError(err);
    if (!started) return fail(f, gerr);
    // Mid-stream failure: the client got part of an answer; bill that part, then tell it what happened.
    await charge(f, deliveredUsage());
    res.end(enc.error({ message: gerr.message, type: gerr.code, code: gerr.code }));
    return;
  }
  const final = usage ?? deliveredUsage();
  const micro = await charge(f, final);
  if (res.destroyed) return;
  if (!started) res.writeHead(200, { ...SSE_HEADERS, 'x-tollgate-request-id': f.facts.requestId });
  // An SSE comment: SDKs ignore it, tools that care can read the charge before the closing frames. One write.
  res.end(`: tollgate credits_charged=${micro / f.g.microPerCredit} request_id=${f.facts.requestId}\n\n${enc.finish(final)}`);
}
