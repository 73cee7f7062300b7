/** POST /checkins (kiosk or participant): records one check-in/out, idempotent on the event id forever. */
import { created, httpHandler } from '../../shared/http/middleware.js';
import { recordCheckin } from './record-checkin.js';
import { checkinBodySchema } from '../../shared/features/checkin/schema.js';

export const handler = httpHandler({ fn: 'checkin-record', body: checkinBodySchema, participantFileInHandler: true }, async ({ auth, body, deps, log }) =>
  created(await recordCheckin(deps, auth, body, log)),
);
