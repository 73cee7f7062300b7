/**
 * An adviser corrects a participant's past day (issue 8 item 4; quality.md
 * S12): the only way a day that has passed changes, other than a kiosk's
 * queued check-ins. Check-in events stay as they were: the correction is a new
 * create-only version beside them (shared/adapters/attendance-repo.ts), the
 * participant's access log records it before it is written, the participant
 * sees it with its reason in their month (GET /me/attendance), and the
 * payroll's case counts it (functions/payroll-compute-batch), so the month's
 * next decision reflects it (a released month gets a correction version).
 *
 * Order: the staff-access checks (404 for another municipality, 403 if not
 * assigned), then what a client can get wrong, each with its code, before
 * anything is written:
 * - a day after today: 400 CORRECTION_DATE_IN_FUTURE; today: intervals may
 *   not end after now, 400 CORRECTION_TIME_IN_FUTURE (server time);
 * - a day outside every enrolment: 400 DATE_NOT_IN_ENROLMENT;
 * - a day without sessions: 400 NOT_A_PROGRAMME_DAY (presence there counts
 *   for nothing, so a correction would only mislead);
 * - withdrawing when no correction is in force: 400 NO_CORRECTION_TO_WITHDRAW;
 * - a stale version: 409 CORRECTION_CHANGED. The same request again (a retry
 *   after a lost answer) returns the version it made.
 */
import { createHash } from 'node:crypto';
import type { CorrectionRecord } from '../../shared/adapters/attendance-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import { correctedPresentMinutes } from '../../shared/domain/attendance/day-correction.js';
import { osloTime } from '../../shared/domain/attendance/oslo-time.js';
import { isPublicHoliday } from '../../shared/domain/schedule/holidays.js';
import { minuteOf, scheduleOn } from '../../shared/domain/schedule/schedule.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError, ConflictError } from '../../shared/http/errors.js';
import { noSuchParticipant, recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import type { CorrectionView } from '../../shared/features/attendance/correction-view.js';
import { correctionView } from '../../shared/features/attendance/correction-view.js';
import type { CorrectionBody } from './schema.js';

export const PURPOSE = 'attendance-correction';

export interface CorrectedDay extends CorrectionView {
  participantId: string;
  /** The day as it now counts; presentMinutes null when withdrawn (the check-ins count again: see the month). */
  day: { plannedMinutes: number; presentMinutes: number | null };
  /** false: this exact request had already made this version (a retry). */
  created: boolean;
}

const hashOf = (date: string, body: CorrectionBody) => `sha256:${createHash('sha256').update(canonicalJson({ date, ...body })).digest('hex')}`;

export async function correctDay(deps: Deps, auth: AuthContext, participantId: string, date: string, body: CorrectionBody, route: string): Promise<CorrectedDay> {
  await requireStaffAccess(deps, auth, participantId);

  const now = osloTime(deps.clock.now().getTime());
  if (date > now.date) throw new BadRequestError('CORRECTION_DATE_IN_FUTURE', 'A day that has not come yet cannot be corrected');
  if (date === now.date && (body.present ?? []).some((p) => minuteOf(p.to) * 60 > now.secondOfDay))
    throw new BadRequestError('CORRECTION_TIME_IN_FUTURE', 'Today can be corrected up to the current time only');

  const [profile, facts, earlier] = await Promise.all([
    deps.participants.getProfile(participantId),
    deps.participants.getFactsOn(participantId, date),
    deps.attendance.listCorrections(participantId, date, date),
  ]);
  if (profile === undefined || facts === undefined) throw noSuchParticipant();
  if (!facts.enrolments.some((e) => e.from <= date && (e.to === null || date <= e.to)))
    throw new BadRequestError('DATE_NOT_IN_ENROLMENT', 'The participant was not enrolled in the programme on this day');
  const scheduled = scheduleOn(date, profile.schedule, isPublicHoliday);
  if (scheduled.plannedMinutes === 0) throw new BadRequestError('NOT_A_PROGRAMME_DAY', 'The participant had no programme sessions on this day, so presence on it counts for nothing');

  const requestHash = hashOf(date, body);
  const latest = earlier.at(-1);
  const current = latest?.version ?? 0;
  const result = (r: CorrectionRecord, created: boolean): CorrectedDay => ({
    participantId,
    ...correctionView(r),
    day: { plannedMinutes: scheduled.plannedMinutes, presentMinutes: r.present === null ? null : correctedPresentMinutes(r.present, scheduled.sessions) },
    created,
  });
  if (body.expectedVersion !== current) {
    const mine = earlier.find((c) => c.version === body.expectedVersion + 1);
    if (mine?.requestHash === requestHash) return result(mine, false);
    throw new ConflictError('CORRECTION_CHANGED', `The day was corrected meanwhile (it is at version ${current}); reload and try again`);
  }
  if (body.present === null && (latest === undefined || latest.present === null))
    throw new BadRequestError('NO_CORRECTION_TO_WITHDRAW', 'The day has no correction in force; its check-ins already count');

  const correctedAt = await recordAccess(deps, auth, participantId, 'WRITE', PURPOSE, route);
  const record: CorrectionRecord = {
    participantId,
    municipality: auth.municipality,
    date,
    version: current + 1,
    present: body.present,
    reason: body.reason,
    correctedAt,
    correctedByRole: auth.role,
    correctedByRef: auth.actorRef,
    requestHash,
  };
  const put = await deps.attendance.putCorrectionOnce(record);
  if (put.created) return result(record, true);
  // Another adviser (or this request's twin) took the version first.
  if (put.existing.requestHash === requestHash) return result(put.existing, false);
  throw new ConflictError('CORRECTION_CHANGED', 'The day was corrected at the same time by someone else; reload and try again');
}
