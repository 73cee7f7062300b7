/** GET /rights-cases?status=OPEN|ALL (adviser): correction requests and complaints of the assigned participants; each participant access-logged. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { queueQuerySchema } from '../me-rights-list/schema.js';
import { listRightsQueue } from './list-queue.js';

const ROUTE = routeOf('rights-queue');

export const handler = httpHandler({ fn: 'rights-queue', query: queueQuerySchema }, async ({ auth, query, deps, log }) => {
  const status = query.status ?? 'OPEN';
  const items = await listRightsQueue(deps, auth, status, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ status, count: items.length });
  return ok({ status, items });
});
