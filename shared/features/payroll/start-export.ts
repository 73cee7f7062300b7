/**
 * Starts the export job of a released run, or a new attempt of it
 * (shared/domain/payroll/export-job.ts): the release makes the job and
 * starts its first execution; POST /payroll-runs/{id}/export (the payroll
 * page and CLI call it when they open a released run) starts a new attempt
 * only when there is no job, the last attempt FAILED, or its execution no
 * longer runs. Racing requests start one attempt: the attempt is written
 * conditionally on the attempt count it replaces; the loser reads the
 * winner's back. The start is audit-logged on the run's chain before the
 * execution starts; the job itself writes every participant's access-log
 * entry before the file exists.
 */
import { recordAudited } from '../../adapters/decision-reviews-repo.js';
import type { Deps } from '../../adapters/deps.js';
import type { PayrollWorkflowPort } from '../../adapters/workflow.js';
import type { ExportJob } from '../../domain/payroll/export-job.js';
import { needsNewAttempt, nextAttempt } from '../../domain/payroll/export-job.js';
import type { AuthContext } from '../../http/auth.js';
import { ConflictError } from '../../http/errors.js';
import { loadRun } from './run-decisions.js';
import { runAuditChain } from './runs.js';

export const PURPOSE = 'payroll-export';

/** Starts the execution of the job's current attempt (a second start of the same name is harmless). */
export function launchExport(workflow: PayrollWorkflowPort, job: ExportJob): Promise<void> {
  return workflow.start(job.runId, job.executionName, 'export');
}

export interface EnsuredExport {
  /** A new attempt was started by this request. */
  started: boolean;
  job: ExportJob;
}

/** `workflow` is asked for only once the run is known and released (a function needs its state machine only then). */
export async function ensureExport(deps: Deps, auth: AuthContext, runId: string, route: string): Promise<EnsuredExport> {
  const run = await loadRun(deps, auth, runId);
  if (run.status !== 'RELEASED') throw new ConflictError('RUN_NOT_RELEASED', 'A run is exported only after two different payroll users have approved it');
  const workflow = deps.workflow;
  for (let round = 0; round < 5; round++) {
    const job = await deps.payrollRuns.getExportJob(runId);
    const live = job !== undefined && (job.status === 'PENDING' || job.status === 'RUNNING');
    const now = deps.clock.now();
    if (!needsNewAttempt(job, live && (await workflow.isRunning(job.executionName)), now.getTime())) return { started: false, job: job! };
    const at = now.toISOString();
    const next = nextAttempt(job, runId, auth.actorRef, at);
    // Someone else started an attempt between our read and our write: read theirs back.
    if ((await deps.payrollRuns.startExportAttempt(next, job?.attempts ?? 0)) === 'lost') continue;
    await recordAudited(deps.audit, { participantId: runAuditChain(runId), at, actorRef: auth.actorRef, actorRole: auth.role, action: 'WRITE', purpose: PURPOSE, route });
    await launchExport(workflow, next);
    return { started: true, job: next };
  }
  throw new ConflictError('EXPORT_IN_PROGRESS', 'The export is being started by another request right now; reload and try again');
}
