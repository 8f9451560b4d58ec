// Canonical result → OpenAI Responses API `response` object.
import type { ChatRequest, ChatResult, ToolCall, Usage } from '../types.ts';

export interface ResponsesRenderOptions {
  /** unix seconds */
  createdAt?: number;
  /** echoed back the way the API echoes request parameters */
  request?: ChatRequest;
}

export function responseId(id: string): string {
  return id.startsWith('resp_') ? id : `resp_${id}`;
}

export function responsesUsage(usage: Usage): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

export function messageItem(id: string, text: string, status: 'in_progress' | 'completed'): Record<string, unknown> {
  return {
    type: 'message',
    id: `msg_${id}`,
    status,
    role: 'assistant',
    content: status === 'completed' ? [{ type: 'output_text', text, annotations: [], logprobs: [] }] : [],
  };
}

export function functionCallItem(call: ToolCall, status: 'in_progress' | 'completed'): Record<string, unknown> {
  return { type: 'function_call', id: `fc_${call.id}`, call_id: call.id, name: call.name, arguments: call.arguments, status };
}

/** The response envelope shared by the JSON body and the stream's created/completed events. */
export function responseEnvelope(
  fields: { id: string; model: string; createdAt: number; status: string; output: unknown[]; usage: Usage | null; stopReason?: string },
  request: ChatRequest | undefined,
): Record<string, unknown> {
  const incomplete = fields.stopReason === 'length' ? 'max_output_tokens' : fields.stopReason === 'content_filter' ? 'content_filter' : null;
  return {
    id: responseId(fields.id),
    object: 'response',
    created_at: fields.createdAt,
    status: incomplete && fields.status === 'completed' ? 'incomplete' : fields.status,
    error: null,
    incomplete_details: incomplete && fields.status === 'completed' ? { reason: incomplete } : null,
    instructions: request?.system ?? null,
    max_output_tokens: request?.maxTokens ?? null,
    model: fields.model,
    output: fields.output,
    parallel_tool_calls: request?.parallelToolCalls ?? true,
    temperature: request?.temperature ?? null,
    top_p: request?.topP ?? null,
    tool_choice: request?.toolChoice === undefined ? 'auto' : typeof request.toolChoice === 'string' ? request.toolChoice : { type: 'function', name: request.toolChoice.name },
    tools: (request?.tools ?? []).map((t) => ({ type: 'function', name: t.name, description: t.description ?? null, parameters: t.parameters, strict: false })),
    text: { format: { type: 'text' } },
    metadata: request?.metadata ?? {},
    usage: fields.usage ? responsesUsage(fields.usage) : null,
  };
}

export function renderOpenAIResponsesResult(result: ChatResult, options: ResponsesRenderOptions = {}): Record<string, unknown> {
  const output: unknown[] = [];
  if (result.content !== '' || result.toolCalls.length === 0) output.push(messageItem(result.id, result.content, 'completed'));
  for (const call of result.toolCalls) output.push(functionCallItem(call, 'completed'));
  return responseEnvelope(
    {
      id: result.id,
      model: result.model,
      createdAt: options.createdAt ?? Math.floor(Date.now() / 1000),
      status: 'completed',
      output,
      usage: result.usage,
      stopReason: result.stopReason,
    },
    options.request,
  );
}
