import { z } from 'zod';
import { credits, period, target } from '../../../../main/core/api/schemas.ts';

/** Mirror of budgets.create's input, built from the server's own pieces (credits: > 0, at most 6 decimals). */
export const createBudgetSchema = z.object({ target, period, limitCredits: credits, autoDisable: z.boolean() });
export const updateBudgetSchema = z.object({ limitCredits: credits });
