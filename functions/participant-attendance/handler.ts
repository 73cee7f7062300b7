/** GET /participants/{id}/attendance?month=YYYY-MM (adviser, assigned only): the participant's month; access-logged first. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { readAttendance } from './read-attendance.js';
import { monthQuerySchema, participantPathSchema } from './schema.js';

const ROUTE = routeOf('participant-attendance');

export const handler = httpHandler({ fn: 'participant-attendance', path: participantPathSchema, query: monthQuerySchema }, async ({ auth, path, query, deps, log }) => {
  log.append({ participantRef: path.id, month: query.month });
  return ok(await readAttendance(deps, auth, path.id, query.month, `${ROUTE.method} ${ROUTE.path}`));
});
