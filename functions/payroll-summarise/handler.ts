/** Workflow task Summarise: the run's totals from its batches; the run then awaits approval. */
import { workflowTask } from '../../shared/adapters/workflow-task.js';
import { summariseInputSchema } from './schema.js';
import { summariseRun } from './summarise-run.js';

export const handler = workflowTask('payroll-summarise', summariseInputSchema, ({ runId }, _log, deps) => summariseRun(runId, deps.payrollRuns, deps.clock));
