import { TRPCClientError } from '@trpc/client';

/** What the core's error formatter puts in `error.data` (see core/api/trpc.ts). */
interface ErrorData {
  code?: string;
  issues?: { path?: (string | number)[]; message?: string }[] | null;
}

export interface FormErrors {
  /** First message per top-level input field, from zod issues on BAD_REQUEST. */
  fields: Record<string, string>;
  /** A message not tied to a field (wrong password, conflict, offline…). */
  form: string | null;
}

/** Server messages are lowercase fragments ("wrong email or password"); forms show them as sentences. */
const sentence = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);

/** Turns any error from a mutation into messages a form can show next to its fields. */
export function formErrors(error: unknown): FormErrors {
  if (!error) return { fields: {}, form: null };
  if (!(error instanceof TRPCClientError)) return { fields: {}, form: sentence((error as Error).message || 'Something went wrong') };
  const data = error.data as ErrorData | undefined;
  const fields: Record<string, string> = {};
  for (const issue of data?.issues ?? []) {
    const key = issue.path?.[0];
    if (typeof key === 'string' && !fields[key]) fields[key] = sentence(issue.message ?? 'invalid');
  }
  if (Object.keys(fields).length > 0) return { fields, form: null };
  return { fields, form: sentence(error.message) };
}

/** The server has no such procedure (an older or partial core): pages say "coming" instead of failing. */
export function isMissingProcedure(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const code = (error.data as ErrorData | undefined)?.code;
  return code === 'NOT_FOUND' && /no procedure found/i.test(error.message);
}

/** The tRPC error code (NOT_FOUND, FORBIDDEN…) of a failed call, if any. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as ErrorData | undefined)?.code : undefined;
}
