/**
 * A payroll user approves a run (architecture.md flow 4; quality.md S5). The
 * rules are the run aggregate's (shared/domain/payroll/run.ts): only a run
 * AWAITING_APPROVAL, never while a VEDTAK_REQUIRED decision of the run is
 * unresolved, and two DIFFERENT users: the same user approving twice does not
 * count (409 ALREADY_APPROVED_BY_YOU). The second approval releases the run.
 *
 * The user is known by the pseudonymous staff ref of their Cognito subject,
 * so two logins of one person count once. The approval is written to the
 * run's own audit chain (`RUN#<runId>`: not a participant id, which cannot
 * hold '#'); that entry goes first, so no approval exists without it.
 */
import { recordAudited } from '../../shared/adapters/decision-reviews-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { PayrollRun } from '../../shared/adapters/payroll-runs-repo.js';
import { APPROVALS_NEEDED, RunRejected, decide } from '../../shared/domain/payroll/run.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError } from '../../shared/http/errors.js';
import { loadRun, runDecisions, unresolvedVedtak } from '../../shared/features/payroll/run-decisions.js';
import { runAuditChain } from '../../shared/features/payroll/runs.js';

export const PURPOSE = 'payroll-approval';

export interface ApprovalView {
  runId: string;
  status: PayrollRun['status'];
  approvals: number;
  approvalsNeeded: number;
  released: boolean;
  releasedAt: string | null;
}

export const approvalView = (run: PayrollRun): ApprovalView => ({
  runId: run.runId,
  status: run.status,
  approvals: run.approvals.length,
  approvalsNeeded: APPROVALS_NEEDED,
  released: run.status === 'RELEASED',
  releasedAt: run.releasedAt,
});

function rejected(err: unknown): never {
  if (err instanceof RunRejected) throw new ConflictError(err.code, err.message);
  throw err;
}

export async function approveRun(deps: Deps, auth: AuthContext, runId: string, route: string): Promise<ApprovalView> {
  const run = await loadRun(deps, auth, runId);
  const unresolved = (await unresolvedVedtak(deps, await runDecisions(deps, run))).length;
  const at = deps.clock.now().toISOString();
  const cmd = { type: 'ApproveRun', by: auth.actorRef, at, unresolvedVedtak: unresolved } as const;
  // Checked before the audit entry, so a refused approval leaves no WRITE entry; the repository checks again on write.
  try {
    decide(run, cmd);
  } catch (err) {
    rejected(err);
  }
  await recordAudited(deps.audit, { participantId: runAuditChain(runId), at, actorRef: auth.actorRef, actorRole: auth.role, action: 'WRITE', purpose: PURPOSE, route });
  try {
    return approvalView(await deps.payrollRuns.apply(runId, cmd));
  } catch (err) {
    return rejected(err);
  }
}
