/**
 * GET /participants/{id}/complaints/{caseId}/case-file (adviser, assigned):
 * the case file that goes to Statsforvalteren with a complaint that was not
 * upheld (fvl § 33 fourth paragraph: the municipality sends the case
 * documents), as one JSON package:
 * - the complaint, with every step;
 * - every stored version of the month's decision: the engine's decision, its
 *   frozen input snapshot (case-format.md), input hash and rule-set,
 *   policy and template versions, and the correction it carries;
 * - the explanation as the participant reads it, in Norwegian and English,
 *   with every version;
 * - the documents of the month: absence reports with their documentation and
 *   every review step, advisers' day corrections with their reasons, and the
 *   participant's correction requests about the month with their answers;
 * - the participant's access log (who read or changed the file, when, why).
 *
 * The download is a staff read of the whole file: its access-log entry is
 * written first (503 AUDIT_UNAVAILABLE otherwise), and it then appears in
 * the package's own access log as PENDING or sealed.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { recordAccess } from '../../shared/http/staff-access.js';
import { loadCase } from './settle.js';
import { correctionView } from '../../shared/features/attendance/correction-view.js';
import { readExplanation } from '../../shared/features/decisions/read-explanation.js';
import { rightsCaseView } from '../../shared/features/rights/rights-view.js';

export const PURPOSE = 'complaint-case-file';
export const CASE_FILE_FORMAT = 'introflyt-complaint-case-file-v1';

export async function buildCaseFile(deps: Deps, auth: AuthContext, participantId: string, caseId: string, route: string) {
  const complaint = await loadCase(deps, auth, participantId, caseId, 'COMPLAINT');
  const generatedAt = await recordAccess(deps, auth, participantId, 'READ', PURPOSE, route);
  const period = complaint.period;
  const [versions, absences, corrections, cases, nb, en, accessLog] = await Promise.all([
    deps.decisions.listVersions(participantId, period),
    deps.attendance.listAbsences(participantId),
    deps.attendance.listCorrections(participantId, `${period}-01`, `${period}-31`),
    deps.rights.listForParticipant(participantId),
    readExplanation(deps, participantId, period, 'nb'),
    readExplanation(deps, participantId, period, 'en'),
    deps.audit.list(participantId),
  ]);
  return {
    format: CASE_FILE_FORMAT,
    generatedAt,
    generatedByRole: auth.role,
    municipality: complaint.municipality,
    participantId,
    period,
    complaint: rightsCaseView(complaint),
    decisions: [...versions]
      .sort((a, b) => a.version - b.version)
      .map((d) => ({
        decisionId: d.decisionId,
        version: d.version,
        createdAt: d.createdAt,
        runId: d.runId,
        supersedes: d.supersedes ?? null,
        review: d.review ?? null,
        inputHash: d.inputHash ?? null,
        decision: d.decision,
        inputSnapshot: d.input ?? null,
        correction: d.correction ?? null,
        paidWithPeriod: d.paidWithPeriod ?? null,
      })),
    explanation: { nb, en },
    documents: {
      absences: absences.filter((a) => a.date.startsWith(`${period}-`)),
      dayCorrections: corrections.map(correctionView),
      correctionRequests: cases.filter((c) => c.kind === 'CORRECTION_REQUEST' && c.period === period).map(rightsCaseView),
    },
    accessLog: accessLog.map((e) => ({ seq: e.seq ?? null, state: e.state, at: e.at, role: e.actorRole, actorRef: e.actorRef, action: e.action, purpose: e.purpose, route: e.route })),
  };
}
