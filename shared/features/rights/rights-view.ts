/**
 * What a participant (and their adviser) sees of a correction request or a
 * complaint (the response types of shared/contract/rights.ts): every step
 * with its date and the role that took it, the adviser's answer with its
 * reason, the complaint's deadline and whether it was late,
 * Statsforvalteren's outcome. Staff refs stay out of it (the access log names
 * who, shared/adapters/audit-log.ts).
 */
import type { AnswerView, RightsCaseView } from '../../contract/rights.js';
import type { RightsAnswer, RightsCase } from '../../adapters/rights-repo.js';

export type { AnswerView, ComplaintView, CorrectionRequestView, RightsCaseView } from '../../contract/rights.js';

const answerView = (a: RightsAnswer): AnswerView => ({ reason: a.reason, at: a.at, byRole: a.byRole, correction: a.correction ?? null });

export function rightsCaseView(c: RightsCase): RightsCaseView {
  const base = { caseId: c.caseId, period: c.period, status: c.status, version: c.version, createdAt: c.createdAt, text: c.text ?? null, history: c.history };
  if (c.kind === 'CORRECTION_REQUEST')
    return { ...base, kind: c.kind, subject: c.subject, absenceId: c.absenceId ?? null, answer: c.answer === undefined ? null : answerView(c.answer) };
  return {
    ...base,
    kind: c.kind,
    channel: c.channel,
    decisionId: c.decisionId,
    decisionVersion: c.decisionVersion,
    receivedOn: c.receivedOn,
    madeKnownOn: c.madeKnownOn,
    deadline: c.deadline,
    late: c.late,
    reassessment: c.reassessment === undefined ? null : { ...answerView(c.reassessment), upheld: c.reassessment.upheld },
    forwardedAt: c.forwardedAt ?? null,
    outcome: c.outcome === undefined ? null : { outcome: c.outcome.outcome, decidedOn: c.outcome.decidedOn, note: c.outcome.note, recordedAt: c.outcome.recordedAt },
  };
}
