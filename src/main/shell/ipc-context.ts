import type { ApiContext } from '../core/api/context.ts';
import type { Tollgate } from '../core/app.ts';
import { sessionUser } from '../core/services/auth.ts';
import type { IpcInvokeEvent } from './ipc.ts';

/**
 * Builds the API context for IPC calls exactly as the HTTP server does for cookies: a window that signed in holds
 * a session token, anyone else is the local owner (desktop mode) or signed out. The token lives only here, in
 * main-process memory keyed by the window's webContents, the IPC counterpart of an HttpOnly cookie.
 */
export function ipcContextFactory(app: Tollgate): {
  createContext: (event: IpcInvokeEvent) => Promise<ApiContext>;
  forget: (senderId: number) => void;
} {
  const tokens = new Map<number, string>();
  return {
    createContext: async (event) => {
      const senderId = event.sender.id;
      const token = tokens.get(senderId) ?? null;
      const userId = token ? await sessionUser(app.deps, token) : app.localOwnerId;
      return {
        ...app.context(userId),
        sessionToken: token,
        setSession: (next) => {
          if (next) tokens.set(senderId, next);
          else tokens.delete(senderId);
        },
      };
    },
    forget: (senderId) => {
      tokens.delete(senderId);
    },
  };
}
