/** GET /participants/{id}/decisions/{period} (adviser, assigned only; access-logged first). */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { readDecision } from '../../shared/features/decisions/read-decision.js';
import { beginAdviserRead } from '../../shared/features/decisions/adviser-read.js';
import { participantPeriodPathSchema } from '../../shared/features/decisions/adviser-path-schema.js';

const ROUTE = routeOf('participant-decision-get');

export const handler = httpHandler({ fn: 'participant-decision-get', path: participantPeriodPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ participantRef: path.id, period: path.period });
  await beginAdviserRead(deps, auth, path.id, 'decision-read', ROUTE);
  return ok(await readDecision(deps, path.id, path.period, true));
});
