// usage.recent (newest requests first, keyset pages) and usage.burn (balance, spend rate, days left).
import type { z } from 'zod';
import { scopeSql } from './collect.ts';
import type { Burn, RecentPage, RecentRow, recentInput } from './contract.ts';
import type { QueryContext } from './queries.ts';
import { credits, spendBetween } from './queries.ts';
import type { SqlParam } from './sql.ts';
import { toMs, tsParam } from './sql.ts';

const DAY_MS = 86_400_000;

interface RecentSqlRow {
  id: string;
  request_id: string;
  created_at: unknown;
  agent_id: string;
  agent_name: string | null;
  model: string;
  provider: string;
  endpoint: string;
  status: unknown;
  error_code: string | null;
  input_tokens: unknown;
  output_tokens: unknown;
  cost_micro: unknown;
  estimated: unknown;
  latency_ms: unknown;
  ttft_ms: unknown;
}

/** Cursor = "<createdAt ms>:<id>" of the last row seen (as audit.list and ledger.list). */
function parseCursor(cursor: string | undefined): { at: number; id: string } | null {
  if (!cursor) return null;
  const i = cursor.indexOf(':');
  const at = Number(cursor.slice(0, i));
  const id = cursor.slice(i + 1);
  return i > 0 && Number.isSafeInteger(at) && id ? { at, id } : null;
}

export async function recent(ctx: QueryContext, orgId: string, input: z.output<typeof recentInput>): Promise<RecentPage> {
  const d = ctx.runner.dialect;
  const params: SqlParam[] = [orgId];
  let where = 'u.org_id = ?' + scopeSql(input, params, 'u.');
  if (input.status === 'ok') where += ' AND u.status < 400';
  if (input.status === 'error') where += ' AND u.status >= 400';
  const after = parseCursor(input.cursor);
  if (after) {
    where += ' AND (u.created_at < ? OR (u.created_at = ? AND u.id < ?))';
    params.push(tsParam(d, after.at), tsParam(d, after.at), after.id);
  }
  params.push(input.limit + 1);
  const rows = await ctx.runner.all<RecentSqlRow>(`SELECT u.id, u.request_id, u.created_at, u.agent_id, a.name AS agent_name,
      u.model, u.provider, u.endpoint, u.status, u.error_code, u.input_tokens, u.output_tokens, u.cost_micro, u.estimated,
      u.latency_ms, u.ttft_ms
    FROM usage_events u LEFT JOIN agents a ON a.id = u.agent_id AND a.org_id = u.org_id
    WHERE ${where} ORDER BY u.created_at DESC, u.id DESC LIMIT ?`, params);
  const page = rows.slice(0, input.limit);
  const items = page.map((r): RecentRow => ({
    requestId: r.request_id,
    createdAt: new Date(toMs(r.created_at)).toISOString(),
    agentId: r.agent_id,
    agentName: r.agent_name ?? r.agent_id,
    model: r.model,
    provider: r.provider,
    endpoint: r.endpoint,
    status: Number(r.status),
    errorCode: r.error_code,
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    costCredits: credits(Number(r.cost_micro)),
    estimated: Boolean(r.estimated),
    latencyMs: Number(r.latency_ms),
    ttftMs: r.ttft_ms === null || r.ttft_ms === undefined ? null : Number(r.ttft_ms),
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? `${toMs(last.created_at)}:${last.id}` : null };
}

/**
 * Balance = SUM(ledger_entries.amount_micro). org_balances holds that sum, kept by the ledger writer in the
 * entries' own transactions and checked by ledger.verify, so it is read first; an org without that row sums.
 */
async function balanceMicro(ctx: QueryContext, orgId: string): Promise<number> {
  const [kept] = await ctx.runner.all<{ b: unknown }>('SELECT balance_micro AS b FROM org_balances WHERE org_id = ?', [orgId]);
  if (kept) return Number(kept.b);
  const [sum] = await ctx.runner.all<{ b: unknown }>(
    'SELECT COALESCE(SUM(amount_micro), 0) AS b FROM ledger_entries WHERE org_id = ?', [orgId]);
  return Number(sum?.b ?? 0);
}

export async function burn(ctx: QueryContext, orgId: string, nowMs: number): Promise<Burn> {
  const balance = await balanceMicro(ctx, orgId);
  const day = await spendBetween(ctx, orgId, nowMs - DAY_MS, nowMs);
  const week = await spendBetween(ctx, orgId, nowMs - 7 * DAY_MS, nowMs);
  const dailyMicro = week.costMicro / 7;
  return {
    balanceCredits: credits(balance),
    last24hCredits: credits(day.costMicro),
    last7dCredits: credits(week.costMicro),
    dailyRateCredits: credits(dailyMicro),
    projectedDaysLeft: dailyMicro > 0 ? Math.max(0, balance / dailyMicro) : null,
  };
}
