/**
 * Records a reported absence (architecture.md flow 2; benefit-rules.md §4).
 *
 * - Exactly what was chosen is stored: illness with self-certification is the
 *   participant's own declaration, status APPROVED (the engine then applies
 *   the quota rules of §§ 5–6); illness with a doctor's note to come waits
 *   for the document, and so does every leave application: PENDING until an
 *   adviser decides (§ 7). A pending report counts towards no quota.
 * - Dates: illness from 14 days back up to today (it is reported, not
 *   planned); leave from 14 days back up to a year ahead (it is applied for).
 * - What the rules cannot use is refused with a code (shared/domain/attendance/
 *   absence-report.ts): unpaid leave, child illness without a child on file,
 *   a date that is no programme day, outside enrolment or on unpaid leave,
 *   more minutes than planned, a day already reported in full. The file is
 *   read as the payroll reads it (facts on the 1st of the month, the plan,
 *   public holidays).
 * - Idempotent on the client's request id: the record's key is derived from
 *   (participant, request id), so a retried report finds its record and gets
 *   the same answer; the same id with a different report is 409
 *   REQUEST_ID_CONFLICT and writes nothing.
 */
import { createHash } from 'node:crypto';
import type { AbsenceRecord } from '../../shared/adapters/attendance-repo.js';
import { absenceIdOf } from '../../shared/adapters/attendance-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import { factsOf, factsOn } from '../../shared/domain/participant-facts.js';
import { checkAbsenceReport } from '../../shared/domain/attendance/absence-report.js';
import { scheduleOn } from '../../shared/domain/schedule/schedule.js';
import { isPublicHoliday } from '../../shared/domain/schedule/holidays.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import { addDays } from '../../shared/domain/calendar.js';
import { osloTime } from '../../shared/domain/attendance/oslo-time.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../shared/http/errors.js';
import type { AbsenceView } from '../../shared/features/attendance/absence-view.js';
import { absenceView } from '../../shared/features/attendance/absence-view.js';
import type { AbsenceReport } from './schema.js';
import { ILLNESS } from './schema.js';

export const REPORT_BACK_DAYS = 14;
export const LEAVE_AHEAD_DAYS = 365;

export async function reportAbsence(deps: Deps, auth: AuthContext, body: AbsenceReport): Promise<AbsenceView> {
  const participantId = auth.participantId!;
  const key = createHash('sha256').update(`${participantId}:${body.requestId}`).digest('hex').slice(0, 24);
  const absenceId = absenceIdOf(participantId, key);
  const requestHash = `sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;

  const existing = await deps.attendance.getAbsence(absenceId);
  if (existing !== undefined) return replayOf(existing, requestHash);

  const now = deps.clock.now();
  const today = osloTime(now.getTime()).date;
  const illness = (ILLNESS as readonly string[]).includes(body.category);
  const latest = illness ? today : addDays(today, LEAVE_AHEAD_DAYS);
  if (body.date < addDays(today, -REPORT_BACK_DAYS) || body.date > latest)
    throw new BadRequestError('DATE_OUT_OF_RANGE', illness ? `Illness can be reported for today and up to ${REPORT_BACK_DAYS} days back` : `Leave can be applied for from ${REPORT_BACK_DAYS} days back to a year ahead`, [
      { path: 'body.date', message: 'out of range' },
    ]);

  await refuseWhatTheRulesCannotUse(deps, participantId, body);

  const documentation = illness ? (body.documentation ?? 'SELF_CERTIFICATION') : 'NONE';
  const status = illness && documentation === 'SELF_CERTIFICATION' ? 'APPROVED' : 'PENDING';
  const at = now.toISOString();
  const record: AbsenceRecord = {
    absenceId,
    participantId,
    municipality: auth.municipality,
    date: body.date,
    minutes: body.minutes ?? null,
    category: body.category,
    documentation,
    status,
    version: 1,
    history: [{ at, byRole: 'participant', byRef: participantId, from: null, to: status, documentation }],
    requestHash,
    createdAt: at,
  };
  const put = await deps.attendance.createAbsenceOnce(record);
  return put.created ? absenceView(record) : replayOf(put.existing, requestHash);
}

async function refuseWhatTheRulesCannotUse(deps: Deps, participantId: string, body: AbsenceReport): Promise<void> {
  const first = `${body.date.slice(0, 7)}-01`;
  const [profile, changes, absences] = await Promise.all([
    deps.participants.getProfile(participantId),
    deps.participants.listFactChanges(participantId),
    deps.attendance.listAbsences(participantId),
  ]);
  if (profile === undefined) throw new NotFoundError('No participant file for this login');
  // As compute-batch.ts reads them: the facts on the 1st of the month; files without a history have the profile's.
  const facts = (changes.length > 0 ? factsOn(changes, first) : undefined) ?? factsOf(profile);
  const refusal = checkAbsenceReport(
    { category: body.category, date: body.date, minutes: body.minutes ?? null },
    {
      day: scheduleOn(body.date, profile.schedule, isPublicHoliday),
      facts,
      childrenNow: profile.children,
      sameDate: absences.filter((a) => a.date === body.date),
    },
  );
  if (refusal === null) return;
  if (refusal.code === 'ALREADY_REPORTED') throw new ConflictError(refusal.code, refusal.message);
  throw new BadRequestError(refusal.code, refusal.message, [{ path: `body.${refusal.field}`, message: refusal.message }]);
}

/** The answer to a repeated request: the record as first created (later adviser changes are not replayed into it). */
function replayOf(existing: AbsenceRecord, requestHash: string): AbsenceView {
  if (existing.requestHash !== requestHash) throw new ConflictError('REQUEST_ID_CONFLICT', 'This requestId was already used for a different report');
  const first = existing.history[0]!;
  return absenceView({ ...existing, status: first.to, documentation: first.documentation, version: 1, history: [first] });
}
