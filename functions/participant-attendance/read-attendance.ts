/**
 * The adviser's view of a participant's month: exactly what the participant
 * sees at GET /me/attendance (shared/features/attendance/read-month.ts: planned
 * and present minutes per programme day, absences with their status history),
 * after the ownership check and the access-log entry (written first; if it
 * cannot be written the read is refused, S6).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { AuthContext } from '../../shared/http/auth.js';
import type { MonthAttendance } from '../../shared/features/attendance/read-month.js';
import { readMonth } from '../../shared/features/attendance/read-month.js';
import { recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';

export const PURPOSE = 'participant-attendance';

export async function readAttendance(deps: Deps, auth: AuthContext, participantId: string, month: string, route: string): Promise<MonthAttendance & { participantId: string }> {
  await requireStaffAccess(deps, auth, participantId);
  await recordAccess(deps, auth, participantId, 'READ', PURPOSE, route);
  return { participantId, ...(await readMonth(deps, participantId, auth.municipality, month)) };
}
