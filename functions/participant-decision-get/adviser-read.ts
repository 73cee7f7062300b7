/**
 * An adviser reading a participant's decisions (architecture.md "Actors and
 * roles"; quality.md S4, S6): assigned only (read afresh: 403 NOT_ASSIGNED),
 * and the access-log entry is written BEFORE anything is read; if it cannot
 * be written the read is refused (503 AUDIT_UNAVAILABLE).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { requireAssigned } from '../../shared/http/ownership.js';
import type { RouteDef } from '../../infra/routes.js';

export async function beginAdviserRead(deps: Pick<Deps, 'participants' | 'audit' | 'clock'>, auth: AuthContext, participantId: string, purpose: string, route: RouteDef): Promise<void> {
  await requireAssigned(deps, auth, participantId);
  await deps.audit.recordStaffRead({ actor: auth.actorRef, role: auth.role, participantId, purpose, route: `${route.method} ${route.path}`, at: deps.clock.now().toISOString() });
}
