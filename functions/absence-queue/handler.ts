/** GET /absences?status=PENDING (adviser): documents waiting, for assigned participants only (access-logged). */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { listQueue } from './list-queue.js';
import { queueQuerySchema } from './schema.js';
import type { AbsenceQueueResponse } from '../../shared/contract/responses.js';

const ROUTE = routeOf('absence-queue');

export const handler = httpHandler({ fn: 'absence-queue', query: queueQuerySchema }, async ({ auth, query, deps, log }) => {
  const items = await listQueue(deps, auth, query.status, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ items: items.length });
  return ok({ status: query.status, items } satisfies AbsenceQueueResponse);
});
