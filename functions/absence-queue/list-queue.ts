/**
 * The adviser's document queue: absences of the participants assigned to
 * them in their municipality (read afresh, quality.md S4), with the given
 * status. Reading a
 * participant's absences is a staff read of personal data: the access-log
 * entry for that participant is written first, and if it cannot be, the
 * whole request is refused (S6).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { AbsenceStatus } from '../../shared/domain/decision.js';
import type { AuthContext } from '../../shared/http/auth.js';
import type { AbsenceView } from '../../shared/features/attendance/absence-view.js';
import { absenceView } from '../../shared/features/attendance/absence-view.js';

export const PURPOSE = 'absence-queue';
const PARALLEL = 8;

export interface QueueItem extends AbsenceView {
  participantId: string;
}

export async function listQueue(deps: Deps, auth: AuthContext, status: AbsenceStatus, route: string): Promise<QueueItem[]> {
  const listed = await deps.assignments.listAssigned(auth.sub);
  // As the caseload list (functions/participant-list): only the caller's municipality.
  const municipalities = await Promise.all(listed.map((pid) => deps.participants.municipalityOf(pid)));
  const assigned = listed.filter((_, i) => municipalities[i] === auth.municipality);
  const items: QueueItem[] = [];
  for (let i = 0; i < assigned.length; i += PARALLEL) {
    const batch = await Promise.all(
      assigned.slice(i, i + PARALLEL).map(async (participantId) => {
        await deps.audit.recordStaffRead({ actor: auth.actorRef, role: auth.role, participantId, purpose: PURPOSE, route, at: deps.clock.now().toISOString() });
        const absences = await deps.attendance.listAbsences(participantId);
        return absences.filter((a) => a.status === status).map((a) => ({ participantId, ...absenceView(a) }));
      }),
    );
    items.push(...batch.flat());
  }
  return items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.absenceId < b.absenceId ? -1 : 1));
}
