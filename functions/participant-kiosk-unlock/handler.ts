/** DELETE /participants/{id}/kiosk-credential/lock (adviser, assigned only): ends a card lock; in the access log. */
import { participantPathSchema } from '../../shared/http/staff-access.js';
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { clearKioskLock } from './clear-lock.js';

const ROUTE = routeOf('participant-kiosk-unlock');

export const handler = httpHandler({ fn: 'participant-kiosk-unlock', path: participantPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ participantRef: path.id });
  return ok(await clearKioskLock(deps, auth, path.id, `${ROUTE.method} ${ROUTE.path}`));
});
