/** Workflow task Prepare: freezes the month's participant ids in batches (once per run). */
import { workflowTask } from '../../shared/adapters/workflow-task.js';
import { prepareRun } from './prepare-run.js';
import { prepareInputSchema } from '../../shared/features/payroll/prepare-schema.js';

export const handler = workflowTask('payroll-prepare', prepareInputSchema, ({ runId }, _log, deps) => prepareRun(runId, deps));
