/**
 * The payroll workflow's Lambda tasks share one wrapper (the task-side twin of
 * shared/http/middleware.ts): strict input parsing, one log line per
 * invocation with ids only, and error classification for the state
 * machine's Retry (infra/constructs/payroll-workflow.ts TRANSIENT_ERRORS):
 *
 * - PermanentTaskError: retrying cannot help (bad input, no such run, the run
 *   is no longer computing): the Catch marks the run FAILED at once.
 * - TransientTaskError: anything else (throttling, network, a crashed
 *   dependency); the steps are idempotent, so a retry is always safe.
 *
 * Error messages carry codes and ids only, never an upstream message (it could
 * echo data); the workflow's history and the run's failure reason show them.
 */
import type { z } from 'zod';
import { CaseError } from '../domain/case.js';
import { RunRejected } from '../domain/payroll/run.js';
import { requestLog, type RequestLog } from '../http/logger.js';
import { handlerWithDeps, type Deps, type DepsHandler } from './deps.js';

export class PermanentTaskError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'PermanentTaskError';
  }
}

export class TransientTaskError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'TransientTaskError';
  }
}

export function classify(err: unknown): PermanentTaskError | TransientTaskError {
  if (err instanceof PermanentTaskError || err instanceof TransientTaskError) return err;
  if (err instanceof RunRejected) return new PermanentTaskError(err.code);
  if (err instanceof CaseError) return new PermanentTaskError('CASE_INVALID');
  if (err instanceof RangeError) return new PermanentTaskError('NOT_FOUND');
  return new TransientTaskError(err instanceof Error ? err.name : 'UNKNOWN');
}

export type TaskHandler<O> = DepsHandler<(event: unknown) => Promise<O>>;

/**
 * The task's body gets its parsed input, its log and the dependency object (shared/adapters/deps.ts):
 * the process's, or the one given with `handler.withDeps(deps)` (the local workflow runner, tests).
 */
export function workflowTask<S extends z.ZodType, O>(fn: string, schema: S, body: (input: z.output<S>, log: RequestLog, deps: Deps) => Promise<O>): TaskHandler<O> {
  return handlerWithDeps((deps) => async (event: unknown): Promise<O> => {
    const started = Date.now();
    const parsed = schema.safeParse(event);
    const log = requestLog({ fn });
    if (!parsed.success) {
      log.error('task input rejected', { code: 'TASK_INPUT_INVALID' });
      throw new PermanentTaskError('TASK_INPUT_INVALID');
    }
    const input = parsed.data as { runId?: string; batch?: number };
    log.append({ runId: input.runId, batch: input.batch });
    try {
      const out = await body(parsed.data, log, deps());
      log.info('task done', { durationMs: Date.now() - started });
      return out;
    } catch (err) {
      const e = classify(err);
      log.error('task failed', { errorType: e.name, code: e.code, durationMs: Date.now() - started });
      throw e;
    }
  });
}
