/** GET /participants/{id} (adviser, assigned only): the participant's file; the read is access-logged first. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { readParticipant } from '../../shared/features/participants/read-participant.js';
import { participantPathSchema } from './schema.js';

const ROUTE = routeOf('participant-get');

export const handler = httpHandler({ fn: 'participant-get', path: participantPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ participantRef: path.id });
  return ok(await readParticipant(deps, auth, path.id, `${ROUTE.method} ${ROUTE.path}`));
});
