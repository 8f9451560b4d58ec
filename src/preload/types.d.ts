// The one bridge the preload exposes to the renderer, shared by the preload, the renderer's IPC link and the
// main-process handler. Payloads travel as JSON text in both directions so IPC delivers exactly what HTTP does
// (dates as ISO strings, undefined fields dropped) and the renderer cannot tell the two transports apart.

/** One tRPC call. `input` is the JSON text of the procedure input, absent when the procedure takes none. */
export interface IpcRequest {
  type: 'query' | 'mutation';
  path: string;
  input?: string;
}

export interface TollgateBridge {
  /** Resolves with the JSON text of a tRPC response envelope: `{ result: { data } }` or `{ error: shape }`. */
  invoke(request: IpcRequest): Promise<string>;
}

declare global {
  interface Window {
    /** Present only inside the desktop app. */
    readonly tollgate?: TollgateBridge;
  }
}
