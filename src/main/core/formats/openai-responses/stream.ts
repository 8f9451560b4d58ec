// Canonical stream events → OpenAI Responses API SSE (response.created … response.completed).
import { sseFrame } from '../sse.ts';
import type { ChatRequest, StopReason, StreamEncoder, StreamEvent, ToolCall, Usage } from '../types.ts';
import { functionCallItem, messageItem, responseEnvelope } from './response.ts';

export interface ResponsesEncoderOptions {
  createdAt?: number;
  request?: ChatRequest;
}

type OpenItem =
  | { kind: 'message'; outputIndex: number; itemId: string; text: string }
  | { kind: 'call'; outputIndex: number; call: ToolCall };

export function createOpenAIResponsesStreamEncoder(options: ResponsesEncoderOptions = {}): StreamEncoder {
  const createdAt = options.createdAt ?? Math.floor(Date.now() / 1000);
  let seq = 0;
  let id = 'stream';
  let model = '';
  let started = false;
  let open: OpenItem | null = null;
  const output: Array<Record<string, unknown>> = [];
  const calls = new Map<number, OpenItem & { kind: 'call' }>();
  let stopReason: StopReason = 'stop';
  let usage: Usage | null = null;

  const emit = (type: string, payload: Record<string, unknown>): string => {
    const frame = sseFrame({ type, sequence_number: seq, ...payload }, type);
    seq += 1;
    return frame;
  };
  const envelope = (status: string, final: boolean, u: Usage | null): Record<string, unknown> =>
    responseEnvelope(
      { id, model, createdAt, status, output: final ? output : [], usage: u, ...(final && { stopReason }) },
      options.request,
    );
  const start = (): string => {
    if (started) return '';
    started = true;
    const response = envelope('in_progress', false, null);
    return emit('response.created', { response }) + emit('response.in_progress', { response });
  };
  const close = (): string => {
    const item = open;
    if (item === null) return '';
    open = null;
    if (item.kind === 'message') {
      const done = messageItem(id, item.text, 'completed');
      output.push(done);
      const base = { item_id: item.itemId, output_index: item.outputIndex, content_index: 0 };
      return (
        emit('response.output_text.done', { ...base, text: item.text, logprobs: [] }) +
        emit('response.content_part.done', { ...base, part: { type: 'output_text', text: item.text, annotations: [], logprobs: [] } }) +
        emit('response.output_item.done', { output_index: item.outputIndex, item: done })
      );
    }
    const done = functionCallItem(item.call, 'completed');
    output.push(done);
    return (
      emit('response.function_call_arguments.done', { item_id: `fc_${item.call.id}`, output_index: item.outputIndex, name: item.call.name, arguments: item.call.arguments }) +
      emit('response.output_item.done', { output_index: item.outputIndex, item: done })
    );
  };

  return {
    write(event: StreamEvent): string {
      switch (event.type) {
        case 'start':
          id = event.id;
          model = event.model;
          return start();
        case 'text': {
          if (event.delta === '') return '';
          let out = start();
          if (open?.kind !== 'message') {
            out += close();
            const item: OpenItem = { kind: 'message', outputIndex: output.length, itemId: `msg_${id}`, text: '' };
            open = item;
            out +=
              emit('response.output_item.added', { output_index: item.outputIndex, item: messageItem(id, '', 'in_progress') }) +
              emit('response.content_part.added', { item_id: item.itemId, output_index: item.outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
          }
          const item = open as OpenItem & { kind: 'message' };
          item.text += event.delta;
          return out + emit('response.output_text.delta', { item_id: item.itemId, output_index: item.outputIndex, content_index: 0, delta: event.delta, logprobs: [] });
        }
        case 'tool_call_delta': {
          let out = start();
          let item = calls.get(event.index);
          if (!item) {
            out += close();
            item = { kind: 'call', outputIndex: output.length, call: { id: event.id ?? `call_${event.index}`, name: event.name ?? '', arguments: '' } };
            calls.set(event.index, item);
            open = item;
            out += emit('response.output_item.added', { output_index: item.outputIndex, item: functionCallItem(item.call, 'in_progress') });
          }
          if (event.argumentsDelta === '') return out;
          item.call.arguments += event.argumentsDelta;
          return out + emit('response.function_call_arguments.delta', { item_id: `fc_${item.call.id}`, output_index: item.outputIndex, delta: event.argumentsDelta });
        }
        case 'stop':
          stopReason = event.stopReason;
          return '';
        case 'usage':
          usage = event.usage;
          return '';
        default:
          return '';
      }
    },
    finish(finalUsage?: Usage): string {
      const out = start() + close();
      const response = envelope('completed', true, finalUsage ?? usage);
      return out + emit(response.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response });
    },
    error(error): string {
      return emit('error', { code: error.code ?? error.type ?? 'api_error', message: error.message, param: null });
    },
  };
}
