/** PATCH /participants/{id} (adviser, assigned only): change facts, effective-dated, with optimistic concurrency (expectedVersion). */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { updateFacts } from './update-facts.js';
import { participantPathSchema, updateSchema } from './schema.js';

const ROUTE = routeOf('participant-update');

export const handler = httpHandler({ fn: 'participant-update', path: participantPathSchema, body: updateSchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id });
  const result = await updateFacts(deps, auth, path.id, body, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ version: result.version });
  return ok(result);
});
