/**
 * One step of a correction request or complaint by an adviser (answer,
 * reassessment, outcome), with the correction it makes, in the order every
 * staff write uses (shared/http/staff-access.ts):
 *
 * 1. staff access to the participant (404 another municipality, 403
 *    NOT_ASSIGNED), then the case (404 RIGHTS_CASE_NOT_FOUND: the key names
 *    the participant, so another participant's case id is not found);
 * 2. the same request again after it was applied (a retry after a lost
 *    answer): the stored case, `created: false`, nothing written;
 * 3. the domain's transition (409 with its code: answered, reassessed, not
 *    forwarded, decided) and the version the adviser saw (409
 *    RIGHTS_CASE_CHANGED);
 * 4. the correction's own checks: an attendance correction exactly as PUT
 *    /participants/{id}/attendance/{date} checks it (planCorrection), a fact
 *    change must exist (made with PATCH /participants/{id}) after the case
 *    was filed (400 FACT_CHANGE_NOT_FOUND);
 * 5. the access-log entry (WRITE), 503 AUDIT_UNAVAILABLE if it cannot be
 *    written;
 * 6. the conditional write: the case from the status and version read, with
 *    the attendance correction in the same transaction. Losing a race is 409
 *    RIGHTS_CASE_CHANGED (or CORRECTION_CHANGED when the day was corrected
 *    meanwhile); nothing is half-written.
 *
 * The next payroll run sees the changed input (the corrected day, the fact
 * change) and writes a new version of the month's decision (issue 9).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { AdvanceResult, RightsAnswer, RightsCase, RightsStep } from '../../shared/adapters/rights-repo.js';
import type { CorrectionMade } from '../../shared/domain/rights/correction-request.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../shared/http/errors.js';
import { recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import { correctionChanged, planCorrection } from '../../shared/features/attendance/correct-day.js';
import type { RightsCaseView } from '../../shared/features/rights/rights-view.js';
import { rightsCaseView } from '../../shared/features/rights/rights-view.js';
import type { CorrectionInput } from '../../shared/features/rights/schema.js';
import { requestHashOf } from '../../shared/features/rights/file-request.js';

export const caseChanged = () => new ConflictError('RIGHTS_CASE_CHANGED', 'The case was changed meanwhile; reload and try again');
const caseNotFound = () => new NotFoundError('No such correction request or complaint', 'RIGHTS_CASE_NOT_FOUND');

/** The case, after the staff-access checks; 404 when it is not this participant's or not of `kind`. */
export async function loadCase<K extends RightsCase['kind']>(deps: Deps, auth: AuthContext, participantId: string, caseId: string, kind: K): Promise<Extract<RightsCase, { kind: K }>> {
  await requireStaffAccess(deps, auth, participantId);
  const c = await deps.rights.get(participantId, caseId);
  if (c === undefined || c.kind !== kind || c.municipality !== auth.municipality) throw caseNotFound();
  return c as Extract<RightsCase, { kind: K }>;
}

export interface Step<T extends RightsCase> {
  current: T;
  /** The domain's verdict on the step (shared/domain/rights/). */
  transition: { ok: true; status: T['status'] } | { ok: false; code: string; message: string };
  /** The body as sent: the same body again after it was applied is a replay. */
  body: { version: number };
  /** The correction to make, and the day it must be (a request's disputed day; for a complaint, the body's). */
  correction?: { input: CorrectionInput; date: string | undefined; reason: string };
  /** The fields the step sets, given what the correction made. */
  patch(made: CorrectionMade | undefined, at: string, answerHash: string): Partial<T>;
  purpose: string;
  route: string;
}

export interface StepResult {
  case: RightsCaseView;
  created: boolean;
}

export function answerOf(auth: AuthContext, reason: string, at: string, made: CorrectionMade | undefined): RightsAnswer {
  return { reason, at, byRole: auth.role, byRef: auth.actorRef, ...(made === undefined ? {} : { correction: made }) };
}

export async function applyStep<T extends RightsCase>(deps: Deps, auth: AuthContext, step: Step<T>): Promise<StepResult> {
  const { current } = step;
  const answerHash = requestHashOf(step.purpose, current.caseId, step.body);
  if (current.answerHash === answerHash) return { case: rightsCaseView(current), created: false };
  if (!step.transition.ok) throw new ConflictError(step.transition.code, step.transition.message);
  if (step.body.version !== current.version) throw caseChanged();
  const to = step.transition.status;

  let write: (at: string) => Promise<AdvanceResult<T>>;
  const c = step.correction;
  if (c === undefined) {
    write = (at) => deps.rights.advance(current, to, step.patch(undefined, at, answerHash), { status: to, at, byRole: auth.role });
  } else if (c.input.kind === 'ATTENDANCE') {
    const date = c.input.date ?? c.date;
    if (date === undefined) throw new BadRequestError('CORRECTION_DATE_REQUIRED', 'Name the day to correct', [{ path: 'body.correction.date', message: 'required' }]);
    if (c.date !== undefined && date !== c.date) throw new BadRequestError('CORRECTION_DOES_NOT_FIT', 'The correction must be of the day the case is about');
    if (date.slice(0, 7) !== current.period) throw new BadRequestError('CORRECTION_DOES_NOT_FIT', 'The correction must be of a day of the month the case is about');
    const plan = await planCorrection(deps, auth, current.participantId, date, { present: c.input.present, reason: c.reason, expectedVersion: c.input.expectedVersion });
    // A correction this very body made earlier would have been written with the case's step (one transaction), and found above.
    if (plan.replay !== undefined) throw correctionChanged();
    write = (at) => {
      const record = plan.make(at);
      const made: CorrectionMade = { kind: 'ATTENDANCE', date, correctionVersion: record.version };
      const s: RightsStep = { status: to, at, byRole: auth.role };
      return deps.rights.advanceWithCorrection(current, to, step.patch(made, at, answerHash), s, record);
    };
  } else {
    const factsVersion = c.input.factsVersion;
    const changes = await deps.participants.listFactChanges(current.participantId);
    if (!changes.some((f) => f.version === factsVersion && f.changedAt >= current.createdAt))
      throw new BadRequestError('FACT_CHANGE_NOT_FOUND', 'No fact change with this version was made after the case was filed; change the facts first (PATCH /participants/{id})', [
        { path: 'body.correction.factsVersion', message: 'no such fact change after the case was filed' },
      ]);
    write = (at) => deps.rights.advance(current, to, step.patch({ kind: 'FACT', factsVersion }, at, answerHash), { status: to, at, byRole: auth.role });
  }

  const at = await recordAccess(deps, auth, current.participantId, 'WRITE', step.purpose, step.route);
  const r = await write(at);
  if (r.ok) return { case: rightsCaseView(r.record), created: true };
  if (r.reason === 'correction-exists') throw correctionChanged();
  // Lost a race: this same request (its twin) may have won it.
  const now = await deps.rights.get(current.participantId, current.caseId);
  if (now?.answerHash === answerHash) return { case: rightsCaseView(now), created: false };
  throw caseChanged();
}
