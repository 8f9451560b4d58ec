/** The single IPC channel the bridge uses; the main-process handler listens on the same name. */
export const TRPC_CHANNEL = 'tollgate:trpc';
