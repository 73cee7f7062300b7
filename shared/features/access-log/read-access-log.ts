/**
 * The participant's own access log (quality.md S6): who (role and
 * pseudonymous staff ref; the log itself never holds a name), when, why, and whether the keyed
 * chain verifies (R7, S11). Entries appended moments ago and not sealed yet
 * are shown as PENDING, after the sealed ones.
 */
import type { AuditEntry } from '../../adapters/audit-log.js';
import { chainIntegrity } from '../../adapters/audit-verify.js';
import type { Deps } from '../../adapters/deps.js';
import { configuredStaffDirectory, staffNamesByRef } from '../../adapters/staff-directory.js';

export interface AccessLogView {
  /** `staffName`: the name or unit the participant's municipality shows for the staff member, when it has one (the page shows it). */
  entries: { seq: number | null; state: AuditEntry['state']; at: string; role: string; staffRef: string; staffName?: string; action: string; purpose: string; route: string }[];
  /** VERIFIED: the sealed chain carries the audit key's MAC; BROKEN: it does not; UNVERIFIED: the key could not be asked. */
  integrity: 'VERIFIED' | 'BROKEN' | 'UNVERIFIED';
}

export async function accessLogView(deps: Pick<Deps, 'auditServices'>, participantId: string, entries: readonly AuditEntry[], names: ReadonlyMap<string, string> = new Map()): Promise<AccessLogView> {
  return {
    entries: entries.map((e) => {
      const staffName = names.get(e.actorRef);
      return { seq: e.seq ?? null, state: e.state, at: e.at, role: e.actorRole, staffRef: e.actorRef, ...(staffName === undefined ? {} : { staffName }), action: e.action, purpose: e.purpose, route: e.route };
    }),
    integrity: await chainIntegrity(participantId, entries, deps.auditServices.mac),
  };
}

/**
 * `municipality`: the participant's (their token's): only its staff are
 * named, so a name never crosses municipalities even if another's staff
 * appeared in the log.
 */
export async function readAccessLog(deps: Deps, participantId: string, municipality: string): Promise<AccessLogView> {
  const entries = await deps.audit.list(participantId);
  const names = await staffNamesByRef(configuredStaffDirectory(deps), municipality, [...new Set(entries.filter((e) => e.actorRole !== 'participant').map((e) => e.actorRef))]);
  return accessLogView(deps, participantId, entries, names);
}
