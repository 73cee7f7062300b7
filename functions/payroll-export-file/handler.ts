/** Workflow task ExportFile: writes a released run's export file once (the export job). */
import { workflowTask } from '../../shared/adapters/workflow-task.js';
import { batchGetProfiles } from '../../shared/features/payroll/profiles.js';
import { exportFile } from './export-file.js';
import { exportFileInputSchema } from './schema.js';

export const handler = workflowTask('payroll-export-file', exportFileInputSchema, ({ runId }, _log, deps) =>
  exportFile(runId, { deps, getProfiles: (ids) => batchGetProfiles(deps.table('participants'), ids) }),
);
