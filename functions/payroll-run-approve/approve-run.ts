/**
 * A payroll user approves a run (architecture.md flow 4; quality.md S5). The
 * rules are the run aggregate's (shared/domain/payroll/run.ts): only a run
 * AWAITING_APPROVAL, never while a VEDTAK_REQUIRED decision of the run is
 * unresolved, and two DIFFERENT users: the same user approving twice does not
 * count (409 ALREADY_APPROVED_BY_YOU). The second approval releases the run
 * (409 RUN_RELEASED for anyone after that).
 *
 * Every caller gets a clear answer, whatever the interleaving (issue 15):
 * - The checks are constant in the run's size: the run item and its pay
 *   month's counter of unresolved formal decisions (kept by the decision and
 *   resolution writes, shared/adapters/decisions-repo.ts), never a scan.
 * - Approvals of one run are recorded one at a time under the run's approval
 *   lock (a lease, payroll-runs-repo.ts). A request that finds the lock taken
 *   reads the run back: a settled outcome (released, your approval already
 *   there, not awaiting approval) is answered at once; otherwise it waits a
 *   moment for the holder and tries again, and after APPROVAL_WAIT_MS answers
 *   409 APPROVAL_IN_PROGRESS. A lost race is read back and answered, never thrown.
 *
 * The user is known by the pseudonymous staff ref of their Cognito subject,
 * so two logins of one person count once. The approval is written to the
 * run's own audit chain (`RUN#<runId>`: not a participant id, which cannot
 * hold '#'); that entry goes first, so no approval exists without it, and
 * only the lock holder writes one, so refused attempts leave none.
 */
import { recordAudited } from '../../shared/adapters/decision-reviews-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { PayrollRun } from '../../shared/adapters/payroll-runs-repo.js';
import type { RunEvent, RunState } from '../../shared/domain/payroll/run.js';
import { APPROVALS_NEEDED, RunRejected, decide, evolve } from '../../shared/domain/payroll/run.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError, NotFoundError } from '../../shared/http/errors.js';
import { loadRun, unresolvedVedtakOf } from '../../shared/features/payroll/run-decisions.js';
import { runAuditChain } from '../../shared/features/payroll/runs.js';

export const PURPOSE = 'payroll-approval';

/** How long one approval may hold the run's lock: far beyond one audit append and one write; a crashed holder's lock is taken over after it. */
export const APPROVAL_LEASE_MS = 15_000;
/** How long an approval waits for other approvals of the same run before answering 409 APPROVAL_IN_PROGRESS (well inside the 10 s function timeout). */
export const APPROVAL_WAIT_MS = 4_000;

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

export interface ApprovalOutcome {
  view: ApprovalView;
  /** This approval released the run (its export job is owed a start). */
  releasedNow: boolean;
  run: PayrollRun;
}

function rejected(err: unknown): never {
  if (err instanceof RunRejected) throw new ConflictError(err.code, err.message);
  throw err;
}

/** Answers a settled outcome at once (released, your approval already there, not awaiting approval); returns when only the lock is in the way. */
function answerIfSettled(run: PayrollRun, by: string, at: string): void {
  try {
    // Formal decisions are checked under the lock; here only the outcomes no waiting can change.
    decide(run, { type: 'ApproveRun', by, at, unresolvedVedtak: 0 });
  } catch (err) {
    rejected(err);
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function takeLock(deps: Deps, runId: string, by: string, owner: string): Promise<PayrollRun> {
  const waitStarted = performance.now();
  for (let attempt = 0; ; attempt++) {
    const now = deps.clock.now();
    const r = await deps.payrollRuns.acquireApprovalLock(runId, owner, now.toISOString(), new Date(now.getTime() + APPROVAL_LEASE_MS).toISOString());
    if (r.acquired) return r.run;
    if (r.run === undefined) throw new NotFoundError('No such payroll run');
    answerIfSettled(r.run, by, now.toISOString());
    if (performance.now() - waitStarted > APPROVAL_WAIT_MS)
      throw new ConflictError('APPROVAL_IN_PROGRESS', 'Another approval of this run is being recorded right now; reload the run and try again');
    // Another approval holds the lock for one audit append and one write: look again shortly (jittered, so waiters spread).
    await pause(15 + Math.floor(Math.random() * 30 * Math.min(attempt + 1, 4)));
  }
}

export async function approveRun(deps: Deps, auth: AuthContext, runId: string, route: string): Promise<ApprovalOutcome> {
  const seen = await loadRun(deps, auth, runId);
  answerIfSettled(seen, auth.actorRef, deps.clock.now().toISOString());
  const owner = deps.ids.newId('approval');
  const held = await takeLock(deps, runId, auth.actorRef, owner);
  let committed = false;
  try {
    const unresolved = unresolvedVedtakOf(await deps.decisions.getPayMonthCounts(held.municipalityCode, held.period), held);
    const at = deps.clock.now().toISOString();
    let events: RunEvent[] = [];
    try {
      events = decide(held, { type: 'ApproveRun', by: auth.actorRef, at, unresolvedVedtak: unresolved });
    } catch (err) {
      rejected(err);
    }
    await recordAudited(deps.audit, { participantId: runAuditChain(runId), at, actorRef: auth.actorRef, actorRole: auth.role, action: 'WRITE', purpose: PURPOSE, route });
    const state = events.reduce<RunState>((s, e) => evolve(s, e), held);
    const next: PayrollRun = { ...held, ...state, updatedAt: at };
    committed = await deps.payrollRuns.commitApproval(held, next, owner);
    if (!committed) {
      // The lease ran out and another approval took the lock over: answer what happened instead.
      const now = await deps.payrollRuns.getRun(runId);
      if (now !== undefined) answerIfSettled(now, auth.actorRef, at);
      throw new ConflictError('APPROVAL_IN_PROGRESS', 'Another approval of this run is being recorded right now; reload the run and try again');
    }
    const saved = { ...next, version: held.version + 1 };
    return { view: approvalView(saved), releasedNow: saved.status === 'RELEASED', run: saved };
  } finally {
    // A lock that cannot be given back now runs out with its lease.
    if (!committed) await deps.payrollRuns.releaseApprovalLock(runId, owner).catch(() => undefined);
  }
}
