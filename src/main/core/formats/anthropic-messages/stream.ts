// Anthropic message streams: canonical events → client SSE, upstream SSE → canonical events.
import { ProviderError } from '../../providers/errors.ts';
import { parseStreamJson, sseFrame } from '../sse.ts';
import type { StreamDecoder, StreamEncoder, StreamEvent, Usage } from '../types.ts';
import { fromAnthropicStop, fromAnthropicUsage, isRecord, str, toAnthropicStop, toAnthropicUsage } from '../shared.ts';
import { anthropicMessageId } from './response.ts';

export interface AnthropicEncoderOptions {
  /** input tokens to announce in message_start (an estimate; the final count is in message_delta) */
  inputTokens?: number;
}

export function createAnthropicStreamEncoder(options: AnthropicEncoderOptions = {}): StreamEncoder {
  let id = 'msg_stream';
  let model = '';
  let started = false;
  let native = false;
  const heldFinal: Array<{ event: string | undefined; data: string }> = [];
  let blockIndex = -1;
  let openBlock: 'text' | 'tool' | null = null;
  const toolBlocks = new Map<number, number>(); // canonical tool index → block index
  let stop: { reason: string; sequence: string | null } = { reason: 'end_turn', sequence: null };
  let usage: Usage | null = null;

  const frame = (type: string, payload: Record<string, unknown>): string => sseFrame({ type, ...payload }, type);
  const startFrame = (): string => {
    if (started) return '';
    started = true;
    const message = {
      id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null,
      usage: { input_tokens: options.inputTokens ?? 0, output_tokens: 0 },
    };
    return frame('message_start', { message });
  };
  const closeBlock = (): string => {
    if (openBlock === null) return '';
    openBlock = null;
    return frame('content_block_stop', { index: blockIndex });
  };
  const openNew = (kind: 'text' | 'tool', block: Record<string, unknown>): string => {
    const out = closeBlock();
    blockIndex += 1;
    openBlock = kind;
    return out + frame('content_block_start', { index: blockIndex, content_block: block });
  };

  return {
    write(event: StreamEvent): string {
      if (event.type === 'native') {
        if (event.format !== 'anthropic-messages') return '';
        native = true;
        // message_delta/message_stop end the message: they wait for finish(), after the charge
        if (event.role === 'final') {
          heldFinal.push({ event: event.event, data: event.data });
          return '';
        }
        return `${event.event ? `event: ${event.event}\n` : ''}data: ${event.data}\n\n`;
      }
      if (event.type === 'usage') usage = event.usage;
      if (native) return '';
      switch (event.type) {
        case 'start':
          id = anthropicMessageId(event.id);
          model = event.model;
          return startFrame();
        case 'text': {
          if (event.delta === '') return '';
          const head = startFrame() + (openBlock === 'text' ? '' : openNew('text', { type: 'text', text: '' }));
          return head + frame('content_block_delta', { index: blockIndex, delta: { type: 'text_delta', text: event.delta } });
        }
        case 'tool_call_delta': {
          let head = startFrame();
          if (!toolBlocks.has(event.index)) {
            head += openNew('tool', { type: 'tool_use', id: event.id ?? `toolu_${event.index}`, name: event.name ?? '', input: {} });
            toolBlocks.set(event.index, blockIndex);
          }
          if (event.argumentsDelta === '') return head;
          const index = toolBlocks.get(event.index) ?? blockIndex;
          return head + frame('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: event.argumentsDelta } });
        }
        case 'stop':
          stop = { reason: toAnthropicStop(event.stopReason, event.stopSequence), sequence: event.stopSequence ?? null };
          return '';
        default:
          return '';
      }
    },
    finish(finalUsage?: Usage): string {
      if (native) {
        return heldFinal
          .map(({ event, data }) => {
            let out = data;
            if (finalUsage && event === 'message_delta') {
              out = JSON.stringify({ ...parseStreamJson(data), usage: toAnthropicUsage(finalUsage) });
            }
            return `${event ? `event: ${event}\n` : ''}data: ${out}\n\n`;
          })
          .join('');
      }
      const u = finalUsage ?? usage ?? { inputTokens: options.inputTokens ?? 0, outputTokens: 0 };
      return (
        startFrame() +
        closeBlock() +
        frame('message_delta', { delta: { stop_reason: stop.reason, stop_sequence: stop.sequence }, usage: toAnthropicUsage(u) }) +
        frame('message_stop', {})
      );
    },
    error(error): string {
      return frame('error', { error: { type: error.type ?? 'api_error', message: error.message } });
    },
  };
}

export function createAnthropicStreamDecoder(options: { native: boolean }): StreamDecoder {
  let done = false;
  let rawUsage: Record<string, unknown> | null = null;
  const blocks = new Map<number, number>(); // content block index → canonical tool index
  let nextTool = 0;

  return {
    push(message): StreamEvent[] {
      const json = parseStreamJson(message.data);
      const type = str(json.type) ?? message.event ?? '';
      if (type === 'error') {
        const err = isRecord(json.error) ? json.error : {};
        throw new ProviderError('upstream_error', str(err.message) ?? 'upstream stream error', { upstreamType: str(err.type) ?? null });
      }
      const events: StreamEvent[] = [];
      if (options.native) {
        const final = type === 'message_delta' || type === 'message_stop';
        events.push({ type: 'native', format: 'anthropic-messages', event: message.event ?? type, data: message.data, ...(final && { role: 'final' as const }) });
      }
      switch (type) {
        case 'message_start': {
          const msg = isRecord(json.message) ? json.message : {};
          if (isRecord(msg.usage)) rawUsage = { ...msg.usage };
          events.push({ type: 'start', id: str(msg.id) ?? '', model: str(msg.model) ?? '' });
          break;
        }
        case 'content_block_start': {
          const block = isRecord(json.content_block) ? json.content_block : {};
          const index = typeof json.index === 'number' ? json.index : -1;
          if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
            events.push({ type: 'text', delta: block.text });
          } else if (block.type === 'tool_use') {
            blocks.set(index, nextTool);
            events.push({ type: 'tool_call_delta', index: nextTool, id: str(block.id) ?? '', name: str(block.name) ?? '', argumentsDelta: '' });
            nextTool += 1;
          }
          break;
        }
        case 'content_block_delta': {
          const delta = isRecord(json.delta) ? json.delta : {};
          const tool = blocks.get(typeof json.index === 'number' ? json.index : -1);
          if (delta.type === 'text_delta' && typeof delta.text === 'string') events.push({ type: 'text', delta: delta.text });
          else if (delta.type === 'input_json_delta' && tool !== undefined) {
            events.push({ type: 'tool_call_delta', index: tool, argumentsDelta: str(delta.partial_json) ?? '' });
          }
          break;
        }
        case 'message_delta': {
          const delta = isRecord(json.delta) ? json.delta : {};
          // message_delta usage is cumulative; fields it omits keep their message_start values
          if (isRecord(json.usage)) {
            const present = Object.entries(json.usage).filter(([, v]) => v != null);
            rawUsage = { ...rawUsage, ...Object.fromEntries(present) };
          }
          events.push({ type: 'stop', stopReason: fromAnthropicStop(delta.stop_reason), stopSequence: str(delta.stop_sequence) ?? null });
          break;
        }
        case 'message_stop':
          done = true;
          break;
        default:
          break; // ping, thinking blocks, server tools
      }
      return events;
    },
    end(): Usage | null {
      if (!done) throw new ProviderError('upstream_error', 'upstream stream ended before completion');
      return rawUsage ? fromAnthropicUsage(rawUsage) : null;
    },
  };
}
