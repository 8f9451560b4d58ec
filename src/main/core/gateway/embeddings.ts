import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseOpenAIEmbeddingsRequest, renderOpenAIEmbeddingsResult } from '../formats/openai-embeddings.ts';
import type { EmbedResult } from '../formats/types.ts';
import type { Caller } from './admission.ts';
import { admit } from './admission.ts';
import { settleTpm } from './chat.ts';
import type { Hold, RequestFacts } from './biller.ts';
import type { GatewayContext } from './context.ts';
import { GatewayError } from './errors.ts';
import { callOptions } from './provider-call.ts';
import { toGatewayError } from './upstream-errors.ts';

/** POST /v1/embeddings: same pipeline as chat, with no output tokens. */
export async function governedEmbeddings(
  g: GatewayContext, caller: Caller, body: Record<string, unknown>, bodyBytes: number,
  req: IncomingMessage, res: ServerResponse, facts: RequestFacts,
): Promise<void> {
  let parsed: ReturnType<typeof parseOpenAIEmbeddingsRequest>;
  try {
    parsed = parseOpenAIEmbeddingsRequest(body);
  } catch (err) {
    throw new GatewayError('invalid_request', toGatewayError(err).message);
  }
  const { request, encodingFormat } = parsed;
  let hold: Hold;
  let admitted: ReturnType<typeof admit>;
  try {
    admitted = admit(caller, request.model, 0, Math.ceil(bodyBytes / 4), g.limiter);
    const loading = g.biller.pending(caller.org.org.id);
    if (loading) await loading;
    try {
      hold = g.biller.reserve(caller, g.biller.upperBound(admitted.price, bodyBytes, 0), facts.requestId);
    } catch (err) {
      settleTpm(g, admitted, null); // refused by a budget: the tokens it took from TPM go back, as for chat
      throw err;
    }
  } catch (err) {
    if (err instanceof GatewayError) await g.biller.deny(caller, facts, err);
    throw err;
  }
  const controller = new AbortController();
  res.on('close', () => { if (!res.writableFinished) controller.abort(); });
  const { opts, source } = callOptions(caller, admitted.route, g.managed, controller.signal, req.headers);
  facts.provider = admitted.route.provider;
  facts.credentialSource = source;
  let result: EmbedResult;
  try {
    result = await g.providers.get(admitted.route.provider).embed(request, opts);
  } catch (err) {
    const gerr = toGatewayError(err);
    settleTpm(g, admitted, null);
    await g.biller.release(hold, caller, facts, gerr.status, gerr);
    throw gerr;
  }
  const usage = { inputTokens: result.usage.inputTokens, outputTokens: 0 };
  settleTpm(g, admitted, usage);
  const micro = await g.biller.settle(hold, caller, admitted.price, usage, facts);
  const credits = micro / g.microPerCredit;
  const latencyMs = Math.round(performance.now() - facts.startedPerf);
  const text = JSON.stringify({ ...renderOpenAIEmbeddingsResult(result, encodingFormat),
    x_platform: { credits_charged: credits, latency_ms: latencyMs, request_id: facts.requestId } });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text),
    'x-tollgate-request-id': facts.requestId, 'x-tollgate-credits-charged': String(credits) });
  res.end(text);
}
