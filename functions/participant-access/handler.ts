/** PUT /participants/{id}/access (admin): open or close the participant's own access; effective on their next request. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { setAccess } from './set-access.js';
import { accessBodySchema, participantPathSchema } from './schema.js';

const ROUTE = routeOf('participant-access');

export const handler = httpHandler({ fn: 'participant-access', path: participantPathSchema, body: accessBodySchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id });
  const result = await setAccess(deps, auth, path.id, body, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ accessStatus: result.status, changed: result.changed });
  return ok(result);
});
