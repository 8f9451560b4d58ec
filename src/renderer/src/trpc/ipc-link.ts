import type { TRPCLink } from '@trpc/client';
import { TRPCClientError } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import type { TRPCResponse } from '@trpc/server/rpc';
import { observable } from '@trpc/server/observable';
import type { TollgateBridge } from '../../../preload/types.d.ts';

/**
 * A tRPC v11 terminating link over the preload bridge. Hand-written because it is this short and the published
 * Electron adapters lag tRPC majors (electron-trpc is v10 only). Like httpLink, and unlike structured clone,
 * everything crosses as JSON text, so the renderer sees the same values on either transport.
 */
export function ipcLink<TRouter extends AnyTRPCRouter>(bridge: TollgateBridge): TRPCLink<TRouter> {
  return () => ({ op }) =>
    observable((observer) => {
      if (op.type === 'subscription') {
        observer.error(new TRPCClientError('subscriptions are not supported over IPC yet'));
        return;
      }
      let settled = false;
      const input = op.input === undefined ? undefined : JSON.stringify(op.input);
      bridge
        .invoke({ type: op.type, path: op.path, ...(input === undefined ? {} : { input }) })
        .then((text) => {
          if (settled) return;
          const envelope = JSON.parse(text) as TRPCResponse;
          if ('error' in envelope) {
            // Same shape the HTTP link receives, so `error.data.code` and `error.data.issues` work identically.
            observer.error(TRPCClientError.from(envelope));
            return;
          }
          observer.next({ result: envelope.result });
          observer.complete();
        })
        .catch((cause: unknown) => {
          if (!settled) observer.error(TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause))));
        });
      // IPC calls cannot be cancelled; an unsubscribed caller just ignores the late answer.
      return () => {
        settled = true;
      };
    });
}
