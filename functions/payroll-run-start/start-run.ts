/**
 * Starts the payroll run of the caller's municipality for a month once the
 * month has ended (409 MONTH_NOT_ENDED before, naming the first day it can
 * start: shared/domain/payroll/month-ended.ts), and only once: a
 * second request for the same month returns the run that exists (unless it
 * FAILED: then a new run starts, reusing every unchanged decision). A run
 * still COMPUTING whose execution has ended (a crash, a stopped local
 * process) is resumed with a new execution of the same run.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { PayrollRunsRepo } from '../../shared/adapters/payroll-runs-repo.js';
import type { PayrollWorkflowPort } from '../../shared/adapters/workflow.js';
import { osloDateOf } from '../../shared/domain/attendance/oslo-time.js';
import { runNotYetAllowed } from '../../shared/domain/payroll/month-ended.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError } from '../../shared/http/errors.js';
import type { HttpResult } from '../../shared/http/middleware.js';
import type { RequestLog } from '../../shared/http/logger.js';
import { runView } from '../../shared/features/payroll/run-view.js';

export async function startPayrollRun(
  deps: Pick<Deps, 'clock' | 'ids'>,
  runs: PayrollRunsRepo,
  workflow: PayrollWorkflowPort,
  auth: AuthContext,
  period: string,
  log: RequestLog,
): Promise<HttpResult> {
  const now = deps.clock.now().toISOString();
  // A month is computed when it has ended (Oslo time): earlier, its days still ahead would count as absence.
  const firstDay = runNotYetAllowed(period, osloDateOf(now));
  if (firstDay !== null)
    throw new ConflictError('MONTH_NOT_ENDED', `The month ${period} has not ended yet (Europe/Oslo): its run can start on ${firstDay} or later`, [
      { path: 'body.period', message: `can start on ${firstDay} or later` },
    ]);

  const runId = deps.ids.newId('run');
  const executionName = `${runId}-1`;
  const r = await runs.createRun({ runId, municipalityCode: auth.municipality, period, by: auth.actorRef, at: now, executionName });
  if (r.created) {
    await workflow.start(runId, executionName);
    log.info('payroll run started', { runId, period });
    return { status: 202, body: runView(r.run) };
  }
  const existing = r.existing;
  if (existing.status === 'COMPUTING' && (existing.executionName === null || !(await workflow.isRunning(existing.executionName)))) {
    const name = `${existing.runId}-${existing.attempts + 1}`;
    const resumed = await runs.recordResume(existing.runId, name, now);
    await workflow.start(existing.runId, name);
    log.info('payroll run resumed', { runId: existing.runId, period, attempt: resumed.attempts });
    return { status: 202, body: runView(resumed) };
  }
  return { status: 200, body: runView(existing) };
}
