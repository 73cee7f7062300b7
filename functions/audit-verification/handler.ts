/** GET /audit/verification (admin, own municipality): is the audit log intact, and if not, its first bad entry per chain. */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { verifyMunicipality } from './verify-municipality.js';

export const handler = httpHandler({ fn: 'audit-verification' }, async ({ auth, deps, log }) => {
  const report = await verifyMunicipality(deps, auth.municipality, deps.clock.now());
  log.append({ auditStatus: report.status, chains: report.chains, problems: report.problems.length });
  return ok(report);
});
