/** Workflow task ExportFile: writes a released run's export file once (the export job). */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamo.js';
import { workflowTask } from '../../shared/adapters/workflow-task.js';
import { getConfig, tableNameOf, type Config } from '../../shared/config.js';
import { batchGetProfiles } from '../../shared/features/payroll/profiles.js';
import { exportFile } from './export-file.js';
import { exportFileInputSchema } from './schema.js';

// One client per configuration (the local runtime may restart with another endpoint in the same process).
let client: { config: Config; db: DynamoDBDocumentClient } | undefined;
const getProfiles = (ids: readonly string[]) => {
  const config = getConfig();
  if (client?.config !== config) client = { config, db: createDocumentClient(config) };
  return batchGetProfiles(client.db, tableNameOf(config, 'participants'), ids);
};

export const handler = workflowTask('payroll-export-file', exportFileInputSchema, ({ runId }, _log, deps) => exportFile(runId, { deps, getProfiles }),
);
