/** GET /me/decisions (participant): own decisions, the latest version of each month. */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { listDecisions } from '../../shared/features/decisions/list-decisions.js';

export const handler = httpHandler({ fn: 'me-decision-list' }, async ({ auth, deps, log }) => {
  log.append({ participantRef: auth.participantId });
  return ok(await listDecisions(deps, auth.participantId!));
});
