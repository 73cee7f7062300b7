/** POST /kiosk-identifications (kiosk): card/QR + PIN → a short-lived identification for one check-in or check-out. */
import { created, httpHandler, routeOf } from '../../shared/http/middleware.js';
import { identifyParticipant } from './identify-participant.js';
import { identifyBodySchema } from './schema.js';

const ROUTE = routeOf('kiosk-identify');

export const handler = httpHandler({ fn: 'kiosk-identify', body: identifyBodySchema }, async ({ auth, body, deps, log }) =>
  created(await identifyParticipant(deps, auth, body, log, `${ROUTE.method} ${ROUTE.path}`)),
);
