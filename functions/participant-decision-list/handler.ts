/** GET /participants/{id}/decisions (adviser, assigned only; access-logged first). */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { listDecisions } from '../../shared/features/decisions/list-decisions.js';
import { beginAdviserRead } from '../../shared/features/decisions/adviser-read.js';
import { participantPathSchema } from '../../shared/features/decisions/adviser-path-schema.js';

const ROUTE = routeOf('participant-decision-list');

export const handler = httpHandler({ fn: 'participant-decision-list', path: participantPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ participantRef: path.id });
  await beginAdviserRead(deps, auth, path.id, 'decision-list', ROUTE);
  return ok(await listDecisions(deps, path.id));
});
