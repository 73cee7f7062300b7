/**
 * Starts the payroll run of the caller's municipality for a month, once: a
 * second request for the same month returns the run that exists (unless it
 * FAILED: then a new run starts, reusing every unchanged decision). A run
 * still COMPUTING whose execution has ended (a crash, a stopped local
 * process) is resumed with a new execution of the same run.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { PayrollRunsRepo } from '../../shared/adapters/payroll-runs-repo.js';
import type { PayrollWorkflowPort } from '../../shared/adapters/workflow.js';
import { osloDateOf } from '../../shared/domain/attendance/oslo-time.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { BadRequestError } from '../../shared/http/errors.js';
import type { HttpResult } from '../../shared/http/middleware.js';
import type { RequestLog } from '../../shared/http/logger.js';
import { runView } from './schema.js';

export async function startPayrollRun(
  deps: Pick<Deps, 'clock' | 'ids'>,
  runs: PayrollRunsRepo,
  workflow: PayrollWorkflowPort,
  auth: AuthContext,
  period: string,
  log: RequestLog,
): Promise<HttpResult> {
  const now = deps.clock.now().toISOString();
  // A month can be paid once it has begun (some municipalities pay before its end); a future month has no attendance yet.
  if (period > osloDateOf(now).slice(0, 7)) throw new BadRequestError('PERIOD_IN_FUTURE', 'The month has not begun yet');

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
