/**
 * The participant's own month: programme days with planned and present
 * minutes (shared/domain/attendance/month-view.ts), the month's absences
 * with their status, and every correction an adviser made to a day of the
 * month, each version with its reason (S12: shown to the participant). A
 * corrected day counts the corrected time, as the payroll does.
 */
import type { Deps } from '../../adapters/deps.js';
import { DEFAULT_ATTENDANCE_SETTINGS } from '../../adapters/policy-repo.js';
import { addDays, monthInfo } from '../../domain/calendar.js';
import type { AttendanceDay } from '../../domain/attendance/month-view.js';
import { monthAttendance } from '../../domain/attendance/month-view.js';
import { osloTime } from '../../domain/attendance/oslo-time.js';
import { isPublicHoliday } from '../../domain/schedule/holidays.js';
import { NotFoundError } from '../../http/errors.js';
import type { AbsenceView } from './absence-view.js';
import { absenceView } from './absence-view.js';
import { configuredStaffDirectory, staffNamesByRef } from '../../adapters/staff-directory.js';
import type { CorrectionView } from './correction-view.js';
import { correctionView } from './correction-view.js';

export type { AbsenceView } from './absence-view.js';
export { absenceView } from './absence-view.js';
export type { CorrectionView } from './correction-view.js';

export interface MonthAttendance {
  month: string;
  days: AttendanceDay[];
  absences: AbsenceView[];
  /** Every version of every correction of a day of the month, by date and version. */
  corrections: CorrectionView[];
}

export async function readMonth(deps: Deps, participantId: string, municipality: string, month: string): Promise<MonthAttendance> {
  const m = monthInfo(month);
  const [profile, policy, absences, corrections] = await Promise.all([
    deps.participants.getProfile(participantId),
    deps.policies.getPolicy(municipality),
    deps.attendance.listAbsences(participantId),
    deps.attendance.listCorrections(participantId, m.first, m.last),
  ]);
  if (profile === undefined) throw new NotFoundError('No participant file for this login');
  // One UTC day of margin either side covers every Oslo date of the month.
  const events = await deps.attendance.listEvents(participantId, `${addDays(m.first, -1)}T00:00:00.000Z`, `${addDays(m.last, 2)}T00:00:00.000Z`);
  const shown = corrections.map(correctionView);
  const days = monthAttendance({
    period: month,
    corrections: shown,
    schedule: profile.schedule,
    isHoliday: isPublicHoliday,
    events,
    policy: { missingCheckout: (policy?.attendance ?? DEFAULT_ATTENDANCE_SETTINGS).missingCheckout },
    now: osloTime(deps.clock.now().getTime()),
  });
  const inMonth = absences.filter((a) => a.date >= m.first && a.date <= m.last);
  // Who approved or rejected a document, by the name or unit the municipality shows (its own staff only).
  const refs = [...new Set(inMonth.flatMap((a) => a.history.filter((x) => x.byRole !== 'participant').map((x) => x.byRef)))];
  const names = await staffNamesByRef(configuredStaffDirectory(deps), municipality, refs);
  return { month, days, absences: inMonth.map((a) => absenceView(a, names)), corrections: shown };
}
