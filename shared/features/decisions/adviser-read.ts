/**
 * An adviser reading a participant's decisions (architecture.md "Actors and
 * roles"; quality.md S3, S4, S6), in the staff-access order of every adviser
 * route: a participant of another municipality is not found (404), an
 * unassigned adviser gets 403 NOT_ASSIGNED (read afresh), and the access-log
 * entry is written BEFORE anything is read; if it cannot be written the read
 * is refused (503 AUDIT_UNAVAILABLE).
 */
import type { Deps } from '../../adapters/deps.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAccess, requireStaffAccess } from '../../http/staff-access.js';
import type { RouteDef } from '../../contract/routes.js';

export async function beginAdviserRead(deps: Pick<Deps, 'participants' | 'assignments' | 'audit' | 'clock'>, auth: AuthContext, participantId: string, purpose: string, route: RouteDef): Promise<void> {
  await requireStaffAccess(deps, auth, participantId);
  await recordAccess(deps, auth, participantId, 'READ', purpose, `${route.method} ${route.path}`);
}
