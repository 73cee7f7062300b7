/** PUT /participants/{id}/complaints/{caseId}/outcome (adviser, assigned only): Statsforvalteren's outcome; access-logged. */
import { getRightsRepo } from '../../shared/adapters/rights-repo.js';
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { casePathSchema, outcomeSchema } from '../me-rights-list/schema.js';
import { recordOutcome } from './record-outcome.js';

const ROUTE = routeOf('complaint-outcome');

export const handler = httpHandler({ fn: 'complaint-outcome', path: casePathSchema, body: outcomeSchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id, caseId: path.caseId, outcome: body.outcome });
  const r = await recordOutcome(deps, getRightsRepo(), auth, path.id, path.caseId, body, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ status: r.case.status, created: r.created });
  return ok(r);
});
