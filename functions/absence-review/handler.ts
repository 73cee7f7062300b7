/** PATCH /absences/{id} (adviser, assigned only): approve or reject, with optimistic concurrency. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { reviewAbsence } from './review-absence.js';
import { absencePathSchema, absenceReviewSchema } from './schema.js';

const ROUTE = routeOf('absence-review');

export const handler = httpHandler({ fn: 'absence-review', path: absencePathSchema, body: absenceReviewSchema }, async ({ auth, path, body, deps, log }) => {
  const { participantId, view } = await reviewAbsence(deps, auth, path.id, body, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ participantRef: participantId, absenceStatus: view.status });
  return ok(view);
});
