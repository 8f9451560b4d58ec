import { z } from 'zod';
import { credits } from '../../../../main/core/api/schemas.ts';

// Mirrors of the money router's inputs (they sit beside Node code); `credits` is the server's own piece.
const reason = z.string().trim().min(1, 'a reason is required').max(500);
const signedCredits = z.number().min(-1e9).max(1e9).refine((n) => n !== 0, 'must not be zero')
  .refine((n) => Number.isInteger(Math.round(n * 1e6)), 'too precise');

export const purchaseSchema = z.object({ amountCredits: credits });
export const adjustSchema = z.object({ amountCredits: signedCredits, reason });
export const refundSchema = z.object({ amountCredits: credits.optional(), reason });

/** A fresh idempotency key per dialog: a double click or a retry after a timeout buys once. */
export const newIdempotencyKey = (): string => crypto.randomUUID();
