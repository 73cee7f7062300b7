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
import type { CorrectionRecord } from '../../adapters/attendance-repo.js';
import type { Deps } from '../../adapters/deps.js';
import { canonicalJson } from '../../domain/canonical-json.js';
import { correctedPresentMinutes } from '../../domain/attendance/day-correction.js';
import { osloTime } from '../../domain/attendance/oslo-time.js';
import { isPublicHoliday } from '../../domain/schedule/holidays.js';
import { minuteOf, scheduleOn } from '../../domain/schedule/schedule.js';
import type { AuthContext } from '../../http/auth.js';
import { BadRequestError, ConflictError } from '../../http/errors.js';
import { noSuchParticipant, recordAccess, requireStaffAccess } from '../../http/staff-access.js';
import type { CorrectionView } from './correction-view.js';
import { correctionView } from './correction-view.js';
import type { CorrectionBody } from './correction-schema.js';

export const PURPOSE = 'attendance-correction';

export interface CorrectedDay extends CorrectionView {
  participantId: string;
  /** The day as it now counts; presentMinutes null when withdrawn (the check-ins count again: see the month). */
  day: { plannedMinutes: number; presentMinutes: number | null };
  /** false: this exact request had already made this version (a retry). */
  created: boolean;
}

const hashOf = (date: string, body: CorrectionBody) => `sha256:${createHash('sha256').update(canonicalJson({ date, ...body })).digest('hex')}`;

/** A correction checked against the day and ready to write (or found already made by this same request). */
export interface CorrectionPlan {
  /** This exact request had already made this version (a retry): return it, write nothing. */
  replay?: CorrectionRecord;
  make(correctedAt: string): CorrectionRecord;
  result(r: CorrectionRecord, created: boolean): CorrectedDay;
}

/**
 * Every check of a correction of `date`, in the order above, after the staff
 * access check and before anything is written (also used by an accepted
 * correction request: functions/rights-adviser).
 */
export async function planCorrection(deps: Deps, auth: AuthContext, participantId: string, date: string, body: CorrectionBody): Promise<CorrectionPlan> {
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
    if (mine?.requestHash === requestHash) return { replay: mine, make: () => mine, result };
    throw correctionChanged(current);
  }
  if (body.present === null && (latest === undefined || latest.present === null))
    throw new BadRequestError('NO_CORRECTION_TO_WITHDRAW', 'The day has no correction in force; its check-ins already count');
  const make = (correctedAt: string): CorrectionRecord => ({
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
  });
  return { make, result };
}

export const correctionChanged = (current?: number) =>
  new ConflictError(
    'CORRECTION_CHANGED',
    current === undefined ? 'The day was corrected at the same time by someone else; reload and try again' : `The day was corrected meanwhile (it is at version ${current}); reload and try again`,
  );

export async function correctDay(deps: Deps, auth: AuthContext, participantId: string, date: string, body: CorrectionBody, route: string): Promise<CorrectedDay> {
  await requireStaffAccess(deps, auth, participantId);
  const plan = await planCorrection(deps, auth, participantId, date, body);
  if (plan.replay !== undefined) return plan.result(plan.replay, false);

  const correctedAt = await recordAccess(deps, auth, participantId, 'WRITE', PURPOSE, route);
  const record = plan.make(correctedAt);
  const put = await deps.attendance.putCorrectionOnce(record);
  if (put.created) return plan.result(record, true);
  // Another adviser (or this request's twin) took the version first.
  if (put.existing.requestHash === record.requestHash) return plan.result(put.existing, false);
  throw correctionChanged();
}
