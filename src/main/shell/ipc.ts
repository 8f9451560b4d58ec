import type { AnyTRPCRouter, inferRouterContext } from '@trpc/server';
import { callTRPCProcedure, getErrorShape, getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { TRPC_CHANNEL } from '../../preload/channel.ts';

// The main-process half of the tRPC IPC bridge. No runtime import of electron: the shell passes `ipcMain` in,
// tests pass a fake, and this file runs in plain Node.

/** The parts of Electron's IpcMainInvokeEvent used here. */
export interface IpcInvokeEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** The parts of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface TrpcIpcOptions<TRouter extends AnyTRPCRouter> {
  ipcMain: IpcMainLike;
  router: TRouter;
  createContext: (event: IpcInvokeEvent) => Promise<inferRouterContext<TRouter>>;
  /** Refuses calls from anything but the app's own top-level page (e.g. a stray iframe). */
  isAllowedSender?: (event: IpcInvokeEvent) => boolean;
  /** Sees every error before it is serialised; the shell logs INTERNAL_SERVER_ERRORs like the HTTP adapter. */
  onError?: (info: { error: TRPCError; path: string; type: string }) => void;
}

// The request is untrusted input from the renderer: validated like any other boundary.
const requestSchema = z.object({
  type: z.enum(['query', 'mutation']),
  path: z.string().min(1).max(200),
  input: z.string().max(4 * 1024 * 1024).optional(),
}).strict();

/** Registers the handler; returns a function that removes it. Every answer is the JSON text of a tRPC envelope. */
export function handleTrpcIpc<TRouter extends AnyTRPCRouter>(opts: TrpcIpcOptions<TRouter>): () => void {
  opts.ipcMain.handle(TRPC_CHANNEL, async (event, raw) => {
    let path = 'unknown';
    let type: 'query' | 'mutation' | 'unknown' = 'unknown';
    let input: unknown;
    let ctx: inferRouterContext<TRouter> | undefined;
    try {
      if (opts.isAllowedSender && !opts.isAllowedSender(event)) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'IPC sender is not allowed' });
      }
      const req = requestSchema.safeParse(raw);
      if (!req.success) throw new TRPCError({ code: 'BAD_REQUEST', message: 'malformed IPC request' });
      ({ path, type } = req.data);
      input = parseInput(req.data.input);
      ctx = await opts.createContext(event);
      const data: unknown = await callTRPCProcedure({
        router: opts.router, path, type: req.data.type, ctx, getRawInput: async () => input, signal: undefined,
        batchIndex: 0,
      });
      // Stringified here, inside the try: a value JSON cannot carry fails the call as it would over HTTP.
      return JSON.stringify({ result: { type: 'data', data } });
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      opts.onError?.({ error, path, type });
      const shape = getErrorShape({ config: opts.router._def._config, error, type, path, input, ctx });
      return JSON.stringify({ error: shape });
    }
  });
  return () => opts.ipcMain.removeHandler(TRPC_CHANNEL);
}

function parseInput(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new TRPCError({ code: 'PARSE_ERROR', message: 'input is not valid JSON', cause });
  }
}
