/**
 * PUT /participants/{id}/correction-requests/{caseId}/answer (adviser,
 * assigned): accept a correction request with the correction it makes (an
 * attendance correction of the disputed day, or the fact change made for
 * it), or refuse it; either way with a reason the participant reads.
 * The steps and refusals: settle.ts.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { CorrectionRequestRecord } from '../../shared/adapters/rights-repo.js';
import { answerCorrectionRequest, correctionFits } from '../../shared/domain/rights/correction-request.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError } from '../../shared/http/errors.js';
import type { AnswerBody } from '../../shared/features/rights/schema.js';
import type { StepResult } from './settle.js';
import { answerOf, applyStep, loadCase } from './settle.js';

export const PURPOSE = 'correction-request-answer';

export async function answerRequest(deps: Deps, auth: AuthContext, participantId: string, caseId: string, body: AnswerBody, route: string): Promise<StepResult> {
  const current = await loadCase(deps, auth, participantId, caseId, 'CORRECTION_REQUEST');
  const subject = current.subject;
  if (body.action === 'ACCEPT' && current.status === 'OPEN') {
    const c = body.correction;
    const fits = correctionFits(subject, c.kind, c.kind === 'ATTENDANCE' ? (c.date ?? (subject.kind === 'DAY' ? subject.date : undefined)) : undefined);
    if (!fits.ok) throw new BadRequestError(fits.code, fits.message, [{ path: 'body.correction', message: 'does not fit the request' }]);
  }
  return applyStep<CorrectionRequestRecord>(deps, auth, {
    current,
    transition: answerCorrectionRequest(current.status, body.action),
    body,
    ...(body.action === 'ACCEPT' ? { correction: { input: body.correction, date: subject.kind === 'DAY' ? subject.date : undefined, reason: body.reason } } : {}),
    patch: (made, at, answerHash) => ({ answer: answerOf(auth, body.reason, at, made), answerHash }),
    purpose: PURPOSE,
    route,
  });
}
