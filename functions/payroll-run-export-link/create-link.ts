/**
 * A short-lived download link to a released run's export file (issue 15):
 * a presigned S3 URL on AWS, a signed local URL locally
 * (shared/adapters/export-store.ts), valid LINK_TTL_SECONDS. Every link is
 * written to the run's audit chain (who, when) before it is handed out: no
 * link without its entry (503 AUDIT_UNAVAILABLE otherwise). Every link gives
 * the same bytes: the file is written once.
 */
import { recordAudited } from '../../shared/adapters/decision-reviews-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import { linkExpiresAt } from '../../shared/domain/payroll/export-job.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError } from '../../shared/http/errors.js';
import { loadRun } from '../../shared/features/payroll/run-decisions.js';
import { runAuditChain } from '../../shared/features/payroll/runs.js';

export const PURPOSE = 'payroll-export-download';

export interface ExportLinkView {
  url: string;
  expiresAt: string;
  filename: string;
  sha256: string;
  lines: number;
  bytes: number;
}

export async function createLink(deps: Deps, auth: AuthContext, runId: string, route: string): Promise<ExportLinkView> {
  const run = await loadRun(deps, auth, runId);
  if (run.status !== 'RELEASED') throw new ConflictError('RUN_NOT_RELEASED', 'A run is exported only after two different payroll users have approved it');
  const file = (await deps.payrollRuns.getExportJob(runId))?.file ?? null;
  if (file === null) throw new ConflictError('EXPORT_NOT_READY', 'The export file is still being made; its progress is at GET /payroll-runs/{id}/export');
  const now = deps.clock.now();
  const expires = linkExpiresAt(now.getTime());
  await recordAudited(deps.audit, { participantId: runAuditChain(runId), at: now.toISOString(), actorRef: auth.actorRef, actorRole: auth.role, action: 'READ', purpose: PURPOSE, route });
  const url = await deps.exportStore.link(file.key, file.filename, now.getTime(), expires);
  return { url, expiresAt: new Date(expires * 1000).toISOString(), filename: file.filename, sha256: file.sha256, lines: file.lines, bytes: file.bytes };
}
