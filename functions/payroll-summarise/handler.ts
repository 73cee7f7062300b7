/** Workflow task Summarise: the run's totals from its batches; the run then awaits approval. */
import { getDeps } from '../../shared/adapters/deps.js';
import { getPayrollRunsRepo } from '../../shared/adapters/payroll-runs-repo.js';
import { workflowTask } from '../../shared/adapters/workflow-task.js';
import { summariseInputSchema } from './schema.js';
import { summariseRun } from './summarise-run.js';

export const handler = workflowTask('payroll-summarise', summariseInputSchema, ({ runId }) => summariseRun(runId, getPayrollRunsRepo(), getDeps().clock));
