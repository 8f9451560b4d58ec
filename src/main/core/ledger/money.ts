// Starts and stops the money path (ledger writer thread, governor, credits) and hands it to the API layer.
import type { Governor as GovernorT } from '../governor/governor.ts';
import { Governor } from '../governor/governor.ts';
import { AppError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { Credits } from './credits.ts';
import { LedgerWriter } from './writer.ts';

export interface Money {
  ledger: LedgerWriter;
  governor: GovernorT;
  credits: Credits;
}

export interface MoneyOptions {
  deps: ServiceDeps;
  logger: Logger;
  /** writer.worker.ts in source runs, the bundled worker's path in a packaged app. */
  workerPath: string | URL;
  databaseUrl: string;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  creditsPerUsd?: number;
}

/**
 * The money services ride on ServiceDeps under `money` so tRPC procedures reach them through ctx.deps, like every
 * other service. (A typed `money` field on ServiceDeps itself would be tidier; it lives in a file owned elsewhere.)
 */
export function moneyOf(deps: ServiceDeps): Money {
  const m = (deps as ServiceDeps & { money?: Money }).money;
  if (!m) throw new AppError('INTERNAL', 'the ledger is not running');
  return m;
}

export async function startMoney(o: MoneyOptions): Promise<Money> {
  const ledger = await LedgerWriter.start({ workerPath: o.workerPath, databaseUrl: o.databaseUrl,
    sqliteSynchronous: o.sqliteSynchronous, logger: o.logger });
  ledger.on('failure', ({ error, ops }) => o.logger.error({ err: { message: error.message }, ops }, 'LEDGER WRITE FAILED'));
  try {
    const governor = await Governor.start({ deps: o.deps, ledger, logger: o.logger,
      ...(o.creditsPerUsd !== undefined ? { creditsPerUsd: o.creditsPerUsd } : {}) });
    const money: Money = { ledger, governor, credits: new Credits(o.deps, ledger, governor) };
    (o.deps as ServiceDeps & { money?: Money }).money = money;
    return money;
  } catch (err) {
    await ledger.close();
    throw err;
  }
}

/** After the HTTP server drained: stop following changes, commit what is queued, stop the threads. */
export async function stopMoney(m: Money): Promise<void> {
  await m.governor.stop();
  await m.ledger.close();
}
