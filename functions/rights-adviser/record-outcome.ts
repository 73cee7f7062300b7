/**
 * PUT /participants/{id}/complaints/{caseId}/outcome (adviser, assigned):
 * Statsforvalteren's decision on a complaint that was sent there, as it came
 * back: the outcome, the date it was decided (not after today: 400
 * DECIDED_IN_FUTURE, nor before the complaint was sent: 400
 * DECIDED_BEFORE_FORWARDED) and a note. Only a forwarded complaint (409
 * COMPLAINT_NOT_FORWARDED, COMPLAINT_DECIDED). A changed or quashed decision
 * is decided again by the adviser with a correction (PUT
 * …/attendance/{date}, PATCH /participants/{id}); the next run writes the new
 * version. Steps and refusals: settle.ts.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { ComplaintRecord } from '../../shared/adapters/rights-repo.js';
import { osloDateOf, osloTime } from '../../shared/domain/attendance/oslo-time.js';
import { advanceComplaint } from '../../shared/domain/rights/complaint.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError } from '../../shared/http/errors.js';
import type { StepResult } from './settle.js';
import { applyStep, loadCase } from './settle.js';
import type { OutcomeBody } from '../../shared/features/rights/schema.js';

export const PURPOSE = 'complaint-outcome';

export async function recordOutcome(deps: Deps, auth: AuthContext, participantId: string, caseId: string, body: OutcomeBody, route: string): Promise<StepResult> {
  const current = await loadCase(deps, auth, participantId, caseId, 'COMPLAINT');
  if (body.decidedOn > osloTime(deps.clock.now().getTime()).date) throw new BadRequestError('DECIDED_IN_FUTURE', 'The outcome cannot be dated after today');
  if (current.forwardedAt !== undefined && body.decidedOn < osloDateOf(current.forwardedAt))
    throw new BadRequestError('DECIDED_BEFORE_FORWARDED', 'The outcome cannot be dated before the complaint was sent to Statsforvalteren');
  return applyStep<ComplaintRecord>(deps, auth, {
    current,
    transition: advanceComplaint(current.status, 'RECORD_OUTCOME'),
    body,
    patch: (_made, at, answerHash) => ({ outcome: { outcome: body.outcome, decidedOn: body.decidedOn, note: body.note, recordedAt: at, byRef: auth.actorRef }, answerHash }),
    purpose: PURPOSE,
    route,
  });
}
