import { AppError } from '../lib/errors.ts';

/** Maps constraint violations from either engine to domain errors; anything else is left alone. */
export function translateDbError(err: unknown): unknown {
  const e = (err && typeof err === 'object' && 'cause' in err && err.cause ? err.cause : err) as { code?: string; message?: string };
  const code = e?.code ?? '';
  const msg = e?.message ?? '';
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError('CONFLICT', 'that already exists');
  }
  if (code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK') return new AppError('BAD_REQUEST', 'value violates a rule of the data model');
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new AppError('NOT_FOUND', 'a referenced object does not exist');
  if (code === '22P02' || code === '22003' || code === '22001') return new AppError('BAD_REQUEST', 'value out of range');
  if (/append-only/.test(msg)) return new AppError('FORBIDDEN', 'history cannot be changed');
  return err;
}
