/** GET /me/decisions/{period} (participant): the month's decision with lines, calendar and versions. */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { readDecision } from '../../shared/features/decisions/read-decision.js';
import { mePeriodPathSchema } from '../../shared/features/decisions/period-schema.js';

export const handler = httpHandler({ fn: 'me-decision-get', path: mePeriodPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ participantRef: auth.participantId, period: path.period });
  return ok(await readDecision(deps, auth.participantId!, path.period));
});
