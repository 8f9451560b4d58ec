import { TRPC_CHANNEL } from './channel.ts';
import type { IpcRequest, TollgateBridge } from './types.d.ts';

/** The part of ipcRenderer the bridge needs; tests pass a fake. */
export interface InvokeRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

/**
 * Only `invoke` on one fixed channel crosses the context boundary: the page never gets ipcRenderer itself, so it
 * cannot reach any other channel.
 */
export function createBridge(ipc: InvokeRenderer): TollgateBridge {
  return {
    invoke: async (request: IpcRequest) => {
      const text = await ipc.invoke(TRPC_CHANNEL, { type: request.type, path: request.path, input: request.input });
      if (typeof text !== 'string') throw new Error('malformed IPC response');
      return text;
    },
  };
}
