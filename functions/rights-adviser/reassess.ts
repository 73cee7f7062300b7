/**
 * PUT /participants/{id}/complaints/{caseId}/reassessment (adviser,
 * assigned): the municipality's own reassessment of a complaint (fvl § 33).
 * Upheld: the adviser makes the correction (an attendance correction of a day
 * of the month, or the fact change made for it), and the next payroll run
 * writes the month's new decision version. Not upheld: the complaint is sent
 * to Statsforvalteren with the case file (GET …/case-file); its outcome is
 * recorded later (PUT …/outcome). Steps and refusals: settle.ts.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { ComplaintRecord } from '../../shared/adapters/rights-repo.js';
import { advanceComplaint } from '../../shared/domain/rights/complaint.js';
import type { AuthContext } from '../../shared/http/auth.js';
import type { StepResult } from './settle.js';
import { answerOf, applyStep, loadCase } from './settle.js';
import type { ReassessmentBody } from '../../shared/features/rights/schema.js';

export const PURPOSE = 'complaint-reassessment';

export async function reassessComplaint(deps: Deps, auth: AuthContext, participantId: string, caseId: string, body: ReassessmentBody, route: string): Promise<StepResult> {
  const current = await loadCase(deps, auth, participantId, caseId, 'COMPLAINT');
  return applyStep<ComplaintRecord>(deps, auth, {
    current,
    transition: advanceComplaint(current.status, body.upheld ? 'UPHOLD' : 'NOT_UPHOLD'),
    body,
    ...(body.upheld ? { correction: { input: body.correction, date: undefined, reason: body.reason } } : {}),
    patch: (made, at, answerHash) => ({ reassessment: { ...answerOf(auth, body.reason, at, made), upheld: body.upheld }, answerHash, ...(body.upheld ? {} : { forwardedAt: at }) }),
    purpose: PURPOSE,
    route,
  });
}
