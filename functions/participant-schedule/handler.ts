/** PUT /participants/{id}/schedule (adviser, assigned only): weekly plans and exceptions, with optimistic concurrency. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { participantPathSchema, scheduleBodySchema } from './schema.js';
import { setSchedule } from './set-schedule.js';

const ROUTE = routeOf('participant-schedule');

// A schedule with many exceptions is larger than the default 16 KiB (schedule.ts allows 2 000 exceptions).
export const handler = httpHandler({ fn: 'participant-schedule', path: participantPathSchema, body: scheduleBodySchema, maxBodyBytes: 192 * 1024 }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id });
  const result = await setSchedule(deps, auth, path.id, body, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ version: result.version });
  return ok(result);
});
