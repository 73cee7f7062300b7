/** POST /participants (adviser): register a participant; the adviser is assigned at once. Idempotent on requestId. */
import { created, httpHandler, routeOf } from '../../shared/http/middleware.js';
import { registerParticipant } from './register-participant.js';
import { registerSchema } from '../../shared/features/participants/register-schema.js';

const ROUTE = routeOf('participant-register');

export const handler = httpHandler({ fn: 'participant-register', body: registerSchema }, async ({ auth, body, deps, log }) => {
  const registered = await registerParticipant(deps, auth, body, `${ROUTE.method} ${ROUTE.path}`, log);
  log.append({ participantRef: registered.participantId });
  return created(registered);
});
