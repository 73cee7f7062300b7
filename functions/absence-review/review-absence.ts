/**
 * An adviser approves or rejects an absence (architecture.md flow 2):
 * ownership first, in the order of every staff route
 * (shared/http/staff-access.ts: a participant of another
 * municipality is 404, an unassigned adviser 403 NOT_ASSIGNED, read afresh),
 * then the access-log entry (before anything is read), then
 * the change with optimistic concurrency: it applies only to the version the
 * adviser saw (409 ABSENCE_CHANGED otherwise). The status history keeps who
 * (role and pseudonymous ref), when, from → to, and the reason.
 */
import { parseAbsenceId } from '../../shared/adapters/attendance-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError, NotFoundError } from '../../shared/http/errors.js';
import type { AbsenceView } from '../../shared/features/attendance/absence-view.js';
import { absenceView } from '../../shared/features/attendance/absence-view.js';
import { requireStaffAccess } from '../../shared/http/staff-access.js';
import type { AbsenceReview } from './schema.js';

export const PURPOSE = 'absence-review';

export async function reviewAbsence(deps: Deps, auth: AuthContext, absenceId: string, review: AbsenceReview, route: string): Promise<{ participantId: string; view: AbsenceView }> {
  const parsed = parseAbsenceId(absenceId);
  if (parsed === undefined) throw new NotFoundError('No such absence');
  await requireStaffAccess(deps, auth, parsed.participantId);
  const at = deps.clock.now().toISOString();
  await deps.audit.recordStaffRead({ actor: auth.actorRef, role: auth.role, participantId: parsed.participantId, purpose: PURPOSE, route, at });

  const current = await deps.attendance.getAbsence(absenceId);
  if (current === undefined) throw new NotFoundError('No such absence');
  const status = review.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED';
  const documentation = review.documentation ?? current.documentation;
  const result = await deps.attendance.changeAbsence(absenceId, review.expectedVersion, {
    status,
    documentation,
    entry: { at, byRole: auth.role, byRef: auth.actorRef, from: current.status, to: status, documentation, ...(review.reason === undefined ? {} : { reason: review.reason }) },
  });
  if (result === 'missing') throw new NotFoundError('No such absence');
  if (result === 'changed') throw new ConflictError('ABSENCE_CHANGED', 'The absence was changed since you read it; reload and try again');
  return { participantId: parsed.participantId, view: absenceView(result) };
}
