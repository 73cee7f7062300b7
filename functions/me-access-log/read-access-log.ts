/**
 * The participant's own access log (quality.md S6): who (role and
 * pseudonymous staff ref, never a name), when, why, and whether the chain
 * verifies (R7).
 */
import type { AuditEntry } from '../../shared/adapters/audit-log.js';
import { verifyChain } from '../../shared/adapters/audit-log.js';
import type { Deps } from '../../shared/adapters/deps.js';

export interface AccessLogView {
  entries: { seq: number; at: string; role: string; staffRef: string; action: string; purpose: string; route: string }[];
  integrity: 'VERIFIED' | 'BROKEN';
}

export function accessLogView(entries: readonly AuditEntry[]): AccessLogView {
  return {
    entries: entries.map((e) => ({ seq: e.seq, at: e.at, role: e.actorRole, staffRef: e.actorRef, action: e.action, purpose: e.purpose, route: e.route })),
    integrity: verifyChain(entries).ok ? 'VERIFIED' : 'BROKEN',
  };
}

export async function readAccessLog(deps: Deps, participantId: string): Promise<AccessLogView> {
  return accessLogView(await deps.audit.list(participantId));
}
