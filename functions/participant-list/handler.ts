/** GET /participants (adviser): the caller's assigned participants; each listed participant's access log gets an entry first. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { listParticipants } from './list-participants.js';

const ROUTE = routeOf('participant-list');

export const handler = httpHandler({ fn: 'participant-list' }, async ({ auth, deps, log }) => {
  const result = await listParticipants(deps, auth, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ listed: result.participants.length });
  return ok(result);
});
