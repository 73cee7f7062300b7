/** Workflow task ArchivePackage: builds an archive package job's ZIP and writes it once to the exports store (build-archive.ts). */
import * as z from 'zod';
import { workflowTask } from '../../shared/adapters/workflow-task.js';
import { buildArchiveJob } from './build-archive.js';

const inputSchema = z.strictObject({ jobId: z.string().max(64) });

export const handler = workflowTask('report-archive-build', inputSchema, ({ jobId }, log, deps) => {
  log.append({ jobId });
  return buildArchiveJob(deps, jobId);
});
