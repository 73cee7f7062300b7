/** GET /me/attendance?month=YYYY-MM (participant): own programme days, present minutes, absences. */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { readMonth } from '../../shared/features/attendance/read-month.js';
import { monthQuerySchema } from '../../shared/features/attendance/month-schema.js';

export const handler = httpHandler({ fn: 'me-attendance', query: monthQuerySchema }, async ({ auth, query, deps, log }) => {
  log.append({ participantRef: auth.participantId });
  return ok(await readMonth(deps, auth.participantId!, auth.municipality, query.month));
});
