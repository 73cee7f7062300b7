/** Workflow task ComputeBatch: decides and stores the month for one frozen batch of participants. */
import { getDeps } from '../../shared/adapters/deps.js';
import { getPayrollRunsRepo } from '../../shared/adapters/payroll-runs-repo.js';
import { workflowTask } from '../../shared/adapters/workflow-task.js';
import { computeBatch } from './compute-batch.js';
import { computeBatchInputSchema } from './schema.js';

export const handler = workflowTask('payroll-compute-batch', computeBatchInputSchema, ({ runId, batch }) => computeBatch(runId, batch, { ...getDeps(), runs: getPayrollRunsRepo() }));
