/** PUT /participants/{id}/kiosk-credential (adviser, assigned only): a new card/QR (made by the server, shown once) and the PIN; only hashes are stored. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { kioskCredentialBodySchema, participantPathSchema } from './schema.js';
import { setKioskCredential } from './set-credential.js';

const ROUTE = routeOf('participant-kiosk-credential');

export const handler = httpHandler({ fn: 'participant-kiosk-credential', path: participantPathSchema, body: kioskCredentialBodySchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id });
  return ok(await setKioskCredential(deps, auth, path.id, body, `${ROUTE.method} ${ROUTE.path}`));
});
