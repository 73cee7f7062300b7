/**
 * Staff access to one participant's file (architecture.md "Actors and roles";
 * quality.md S3, S4, S6), in the order every adviser/admin route uses:
 *
 * 1. the participant must exist in the caller's municipality, else 404 (the
 *    check reads the municipality only, no personal data; another
 *    municipality's participant is "not found", never revealed);
 * 2. an adviser must be assigned (read afresh, strongly consistent: a removed
 *    assignment stops access on the next request), else 403 NOT_ASSIGNED;
 *    an admin acts for the whole municipality;
 * 3. only then, and before anything personal is read or written, the
 *    access-log entry (`recordAccess`); if it cannot be written the request is
 *    refused with 503 AUDIT_UNAVAILABLE.
 *
 * Rejections a client can cause (404, 403, 409 on a stale version) happen
 * before step 3, so a rejected request stores nothing, not even a log entry.
 */
import type { AuditAction } from '../adapters/audit-log.js';
import type { Deps } from '../adapters/deps.js';
import type { AuthContext } from './auth.js';
import { NotFoundError, ServiceUnavailableError } from './errors.js';
import { requireAssigned } from './ownership.js';
import * as z from 'zod';

/** `{id}` in the participant routes: the id format the platform issues (`p-<uuid>`, seeds). */
export const participantPathSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a participant id' }),
});

export const noSuchParticipant = () => new NotFoundError('No such participant');

export async function requireStaffAccess(deps: Pick<Deps, 'participants' | 'assignments'>, auth: AuthContext, participantId: string): Promise<void> {
  const municipality = await deps.participants.municipalityOf(participantId);
  if (municipality === undefined || municipality !== auth.municipality) throw noSuchParticipant();
  if (auth.role === 'adviser') await requireAssigned(deps, auth, participantId);
}

/**
 * The access-log entry for a staff read (action READ) or change (WRITE) of a
 * participant's file, written first; failure → 503 AUDIT_UNAVAILABLE.
 */
export async function recordAccess(deps: Pick<Deps, 'audit' | 'clock'>, auth: AuthContext, participantId: string, action: AuditAction, purpose: string, route: string): Promise<string> {
  const at = deps.clock.now().toISOString();
  if (action === 'READ') await deps.audit.recordStaffRead({ actor: auth.actorRef, role: auth.role, participantId, purpose, route, at });
  else
    try {
      await deps.audit.append({ participantId, at, actorRef: auth.actorRef, actorRole: auth.role, action, purpose, route });
    } catch {
      throw new ServiceUnavailableError('AUDIT_UNAVAILABLE', 'The access log cannot be written right now, so nothing was changed; retry shortly');
    }
  return at;
}
