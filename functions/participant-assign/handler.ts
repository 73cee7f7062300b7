/** PUT /participants/{id}/advisers (admin): replace the participant's advisers; effective on the next request. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { assignAdvisers } from './assign-advisers.js';
import { assignBodySchema, participantPathSchema } from './schema.js';

const ROUTE = routeOf('participant-assign');

export const handler = httpHandler({ fn: 'participant-assign', path: participantPathSchema, body: assignBodySchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id });
  const result = await assignAdvisers(deps, auth, path.id, body, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ advisers: result.advisers.length });
  return ok(result);
});
