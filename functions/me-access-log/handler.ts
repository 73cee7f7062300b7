/** GET /me/access-log (participant): every staff read of the caller's personal data. */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { readAccessLog } from '../../shared/features/access-log/read-access-log.js';

export const handler = httpHandler({ fn: 'me-access-log' }, async ({ auth, deps, log }) => {
  log.append({ participantRef: auth.participantId });
  return ok(await readAccessLog(deps, auth.participantId!, auth.municipality));
});
