import type { ServiceDeps } from '../services/deps.ts';

/** Per-call context. Transports (HTTP, IPC, tests' createCaller) build it; nothing else differs. */
export interface ApiContext {
  deps: ServiceDeps;
  userId: string | null;
  sessionToken: string | null;
  /** Lets auth procedures set or clear the session cookie; a no-op outside HTTP. */
  setSession: (token: string | null) => void;
  /** The desktop app's passwordless local owner mode. */
  localOwner: boolean;
}
