/**
 * Replaces a participant's schedule with optimistic concurrency on the
 * profile version (the schedule lives on the profile, so a concurrent fact
 * change also makes this 409: the adviser reloads and sees both). The plans
 * are themselves effective-dated (`from`), so the history the payroll needs
 * for past months is kept as long as advisers add plans rather than rewrite
 * old ones; the access-log entry records who changed it.
 *
 * The answer shows the next 14 days as the schedule now makes them (public
 * holidays and exceptions applied), so the adviser sees the effect at once.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { ParticipantProfile } from '../../shared/adapters/participant-files-repo.js';
import { osloTime } from '../../shared/domain/attendance/oslo-time.js';
import { addDays } from '../../shared/domain/calendar.js';
import { isPublicHoliday } from '../../shared/domain/schedule/holidays.js';
import type { DayKind } from '../../shared/domain/schedule/schedule.js';
import { scheduleOn } from '../../shared/domain/schedule/schedule.js';
import type { AuthContext } from '../../shared/http/auth.js';
import type { ProfileView } from '../../shared/features/participants/read-participant.js';
import { participantChanged, profileView } from '../../shared/features/participants/read-participant.js';
import { noSuchParticipant, recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import type { ScheduleBody } from './schema.js';

export const PURPOSE = 'participant-schedule';
export const PREVIEW_DAYS = 14;

export interface PreviewDay {
  date: string;
  kind: DayKind;
  plannedMinutes: number;
}

export function preview(schedule: ParticipantProfile['schedule'], today: string): PreviewDay[] {
  return Array.from({ length: PREVIEW_DAYS }, (_, i) => {
    const d = scheduleOn(addDays(today, i), schedule, isPublicHoliday);
    return { date: d.date, kind: d.kind, plannedMinutes: d.plannedMinutes };
  });
}

export async function setSchedule(deps: Deps, auth: AuthContext, participantId: string, body: ScheduleBody, route: string): Promise<ProfileView & { next14Days: PreviewDay[] }> {
  await requireStaffAccess(deps, auth, participantId);
  const current = await deps.participants.getProfile(participantId);
  if (current === undefined) throw noSuchParticipant();
  if (current.version !== body.expectedVersion) throw participantChanged();
  const at = await recordAccess(deps, auth, participantId, 'WRITE', PURPOSE, route);
  const next: ParticipantProfile = { ...current, schedule: body.schedule, version: current.version + 1, updatedAt: at };
  if (!(await deps.participants.saveProfile(next, current.version))) throw participantChanged();
  return { ...profileView(next), next14Days: preview(next.schedule, osloTime(deps.clock.now().getTime()).date) };
}
