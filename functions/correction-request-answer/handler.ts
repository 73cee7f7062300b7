/** PUT /participants/{id}/correction-requests/{caseId}/answer (adviser, assigned only): accept with a correction, or refuse; access-logged. */
import { getRightsRepo } from '../../shared/adapters/rights-repo.js';
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { answerSchema, casePathSchema } from '../me-rights-list/schema.js';
import { answerRequest } from './answer-request.js';

const ROUTE = routeOf('correction-request-answer');

export const handler = httpHandler({ fn: 'correction-request-answer', path: casePathSchema, body: answerSchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id, caseId: path.caseId, action: body.action });
  const r = await answerRequest(deps, getRightsRepo(), auth, path.id, path.caseId, body, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ status: r.case.status, created: r.created });
  return ok(r);
});
