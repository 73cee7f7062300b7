/**
 * The participant's own access log (quality.md S6): who (role and
 * pseudonymous staff ref, never a name), when, why, and whether the keyed
 * chain verifies (R7, S11). Entries appended moments ago and not sealed yet
 * are shown as PENDING, after the sealed ones.
 */
import type { AuditEntry } from '../../adapters/audit-log.js';
import { chainIntegrity } from '../../adapters/audit-verify.js';
import type { Deps } from '../../adapters/deps.js';

export interface AccessLogView {
  entries: { seq: number | null; state: AuditEntry['state']; at: string; role: string; staffRef: string; action: string; purpose: string; route: string }[];
  /** VERIFIED: the sealed chain carries the audit key's MAC; BROKEN: it does not; UNVERIFIED: the key could not be asked. */
  integrity: 'VERIFIED' | 'BROKEN' | 'UNVERIFIED';
}

export async function accessLogView(deps: Pick<Deps, 'auditServices'>, participantId: string, entries: readonly AuditEntry[]): Promise<AccessLogView> {
  return {
    entries: entries.map((e) => ({ seq: e.seq ?? null, state: e.state, at: e.at, role: e.actorRole, staffRef: e.actorRef, action: e.action, purpose: e.purpose, route: e.route })),
    integrity: await chainIntegrity(participantId, entries, deps.auditServices.mac),
  };
}

export async function readAccessLog(deps: Deps, participantId: string): Promise<AccessLogView> {
  return accessLogView(deps, participantId, await deps.audit.list(participantId));
}
