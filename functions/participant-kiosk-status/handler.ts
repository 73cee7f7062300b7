/** GET /participants/{id}/kiosk-credential (adviser, assigned only): credential kinds, card locks, refused offline taps; access-logged. */
import { participantPathSchema } from '../../shared/http/staff-access.js';
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { readKioskStatus } from '../../shared/features/participants/kiosk-status.js';

const ROUTE = routeOf('participant-kiosk-status');

export const handler = httpHandler({ fn: 'participant-kiosk-status', path: participantPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ participantRef: path.id });
  return ok(await readKioskStatus(deps, auth, path.id, `${ROUTE.method} ${ROUTE.path}`));
});
