/** PUT /participants/{id}/complaints/{caseId}/reassessment (adviser, assigned only): uphold with a correction, or send to Statsforvalteren; access-logged. */
import { getRightsRepo } from '../../shared/adapters/rights-repo.js';
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { casePathSchema, reassessmentSchema } from '../me-rights-list/schema.js';
import { reassessComplaint } from './reassess.js';

const ROUTE = routeOf('complaint-reassess');

export const handler = httpHandler({ fn: 'complaint-reassess', path: casePathSchema, body: reassessmentSchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id, caseId: path.caseId, upheld: body.upheld });
  const r = await reassessComplaint(deps, getRightsRepo(), auth, path.id, path.caseId, body, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ status: r.case.status, created: r.created });
  return ok(r);
});
