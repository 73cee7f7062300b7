/** GET /me/data-export (participant): all personal data held about the caller, as JSON. */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { exportData } from './export-data.js';

export const handler = httpHandler({ fn: 'me-data-export' }, async ({ auth, deps, log }) => {
  log.append({ participantRef: auth.participantId });
  return ok(await exportData(deps, auth.participantId!));
});
