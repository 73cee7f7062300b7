/** Workflow task ComputeBatch: decides and stores the month for one frozen batch of participants. */
import { workflowTask } from '../../shared/adapters/workflow-task.js';
import { configuredStaffDirectory } from '../../shared/adapters/staff-directory.js';
import { computeBatch } from './compute-batch.js';
import { batchGetProfiles } from '../../shared/features/payroll/profiles.js';
import { computeBatchInputSchema } from './schema.js';

export const handler = workflowTask('payroll-compute-batch', computeBatchInputSchema, ({ runId, batch }, _log, deps) =>
  computeBatch(runId, batch, {
    // Named one by one, not spread: the dependency object makes each member on first use, and this task has no workflow port.
    clock: deps.clock,
    participants: deps.participants,
    policies: deps.policies,
    assignments: deps.assignments,
    attendance: deps.attendance,
    decisions: deps.decisions,
    runs: deps.payrollRuns,
    getProfiles: (ids) => batchGetProfiles(deps.table('participants'), ids),
    reviews: deps.reviews,
    explanations: deps.explanations,
    staff: configuredStaffDirectory(deps),
  }),
);
