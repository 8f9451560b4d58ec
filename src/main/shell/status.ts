// What the tray shows about the running gateway, read from the core without Electron (so it is tested headless).
import { analyticsOf } from '../core/analytics/service.ts';
import type { Tollgate } from '../core/app.ts';
import { periodBounds } from '../core/ledger/periods.ts';
import { listMine } from '../core/services/orgs.ts';

export interface OrgStatus {
  id: string;
  name: string;
  /** Requests since midnight in the org's time zone. */
  requestsToday: number;
  /** Balance minus what requests in flight hold, in credits. */
  creditsLeft: number;
}

export interface GatewayStatus {
  /** Where agents point their base URL; null when the gateway could not listen. */
  url: string | null;
  paused: boolean;
  /** The local owner's orgs (the desktop app's user), at most `maxOrgs`. */
  orgs: OrgStatus[];
  requestsToday: number;
}

/** Reads the status; cheap enough for every few seconds (rollups and the governor's memory, no raw events). */
export async function readStatus(core: Pick<Tollgate, 'deps' | 'money' | 'localOwnerId'>, o: { url: string | null; paused: boolean;
  maxOrgs?: number }): Promise<GatewayStatus> {
  const now = core.deps.clock.now();
  const mine = core.localOwnerId ? await listMine(core.deps, { userId: core.localOwnerId }) : [];
  const orgs: OrgStatus[] = [];
  for (const org of mine.slice(0, o.maxOrgs ?? 5)) {
    const from = new Date(periodBounds('DAILY', now.getTime(), org.timezone).start);
    const today = await analyticsOf(core.deps).summary(org.id, { orgId: org.id, from, to: now });
    const snap = core.money.governor.snapshot(org.id);
    orgs.push({ id: org.id, name: org.name, requestsToday: today.requests, creditsLeft: snap.availableMicro / 1_000_000 });
  }
  return { url: o.url, paused: o.paused, orgs, requestsToday: orgs.reduce((n, x) => n + x.requestsToday, 0) };
}
