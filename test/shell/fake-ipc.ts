import { EventEmitter } from 'node:events';
import type { IpcInvokeEvent, IpcMainLike } from '../../src/main/shell/ipc.ts';
import type { InvokeRenderer } from '../../src/preload/bridge.ts';

type Listener = (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>;

interface InvokeMessage {
  channel: string;
  args: unknown[];
  event: IpcInvokeEvent;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/**
 * An in-process stand-in for Electron's ipcMain/ipcRenderer pair. Like Electron it structured-clones arguments
 * and results (so a Date would survive as a Date: the tests prove the bridge does not rely on that) and rejects
 * invoke() when no handler is registered or the handler throws.
 */
export function fakeIpc(): { ipcMain: IpcMainLike; renderer: (senderId?: number, topFrame?: boolean) => InvokeRenderer } {
  const bus = new EventEmitter();
  const handlers = new Map<string, Listener>();
  bus.on('invoke', (msg: InvokeMessage) => {
    const handler = handlers.get(msg.channel);
    if (!handler) return msg.reject(new Error(`No handler registered for '${msg.channel}'`));
    handler(msg.event, ...msg.args).then(
      (value) => msg.resolve(structuredClone(value)),
      (err: unknown) => msg.reject(new Error(`Error invoking remote method '${msg.channel}': ${String(err)}`)),
    );
  });
  return {
    ipcMain: {
      handle: (channel, listener) => {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel) => {
        handlers.delete(channel);
      },
    },
    renderer: (senderId = 1, topFrame = true) => ({
      invoke: (channel, ...args) => new Promise((resolve, reject) => {
        const event: IpcInvokeEvent = {
          sender: { id: senderId },
          senderFrame: { url: 'file:///app/out/renderer/index.html', parent: topFrame ? null : {} },
        };
        bus.emit('invoke', { channel, args: structuredClone(args), event, resolve, reject } satisfies InvokeMessage);
      }),
    }),
  };
}
