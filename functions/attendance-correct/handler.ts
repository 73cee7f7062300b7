/** PUT /participants/{id}/attendance/{date} (adviser, assigned only): correct a past day with a reason; access-logged, shown to the participant, used by the payroll. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { correctDay } from '../../shared/features/attendance/correct-day.js';
import { correctionBodySchema, dayPathSchema } from '../../shared/features/attendance/correction-schema.js';

const ROUTE = routeOf('attendance-correct');

export const handler = httpHandler({ fn: 'attendance-correct', path: dayPathSchema, body: correctionBodySchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id });
  const corrected = await correctDay(deps, auth, path.id, path.date, body, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ correctionVersion: corrected.version, created: corrected.created });
  return ok(corrected);
});
