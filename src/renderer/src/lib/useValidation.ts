import { useState } from 'react';
import type { z } from 'zod';
import { formErrors } from '../trpc/errors.ts';

/**
 * Client-side validation with the same zod schemas the server applies (or a mirror of them where the server's
 * schema lives beside Node-only code), plus the server's own field errors once a mutation fails.
 */
export function useValidation(serverError?: unknown) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = formErrors(serverError);

  function check<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | null {
    const r = schema.safeParse(value);
    if (r.success) {
      setErrors({});
      return r.data;
    }
    const next: Record<string, string> = {};
    for (const issue of r.error.issues) {
      const key = issue.path.length > 0 ? issue.path.map(String).join('.') : '_';
      const first = issue.path[0] === undefined ? '_' : String(issue.path[0]);
      const msg = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
      if (!next[key]) next[key] = msg;
      if (!next[first]) next[first] = msg;
    }
    setErrors(next);
    return null;
  }

  return {
    /** Message for a field: the client's check first, then the server's. */
    error: (field: string): string | undefined => errors[field] ?? server.fields[field],
    /** An error not tied to a field. */
    formError: errors._ ?? server.form,
    check,
    clear: () => setErrors({}),
  };
}
