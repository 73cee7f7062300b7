/** GET /participants/{id}/complaints/{caseId}/case-file (adviser, assigned only; access-logged first): the complaint's case file for Statsforvalteren, a JSON download. */
import { getRightsRepo } from '../../shared/adapters/rights-repo.js';
import { httpHandler, routeOf } from '../../shared/http/middleware.js';
import { casePathSchema } from '../me-rights-list/schema.js';
import { buildCaseFile } from './case-file.js';

const ROUTE = routeOf('complaint-case-file');

export const handler = httpHandler({ fn: 'complaint-case-file', path: casePathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ participantRef: path.id, caseId: path.caseId });
  const file = await buildCaseFile(deps, getRightsRepo(), auth, path.id, path.caseId, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ decisions: file.decisions.length, accessLogEntries: file.accessLog.length });
  return { status: 200, body: file, headers: { 'content-disposition': `attachment; filename="klage-${path.caseId}.json"` } };
});
