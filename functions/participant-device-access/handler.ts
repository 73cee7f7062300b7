/**
 * The activation path's adviser routes (issue 13 item 3), one function
 * (shared/http/route-dispatch.ts):
 * - POST   /participants/{id}/activation-codes: a one-time code, shown once;
 * - GET    /participants/{id}/device-bindings: the participant's bound devices;
 * - DELETE /participants/{id}/device-bindings: ends every bound device.
 * Adviser, assigned only; every call on the participant's access log.
 */
import { httpHandler, ok, created } from '../../shared/http/middleware.js';
import { dispatchByRoute } from '../../shared/http/route-dispatch.js';
import { participantPathSchema } from '../../shared/http/staff-access.js';
import { issueCode, listDevices, revokeDevices } from './device-access.js';

const FN = 'participant-device-access';
const ISSUE = 'POST /participants/{id}/activation-codes';
const LIST = 'GET /participants/{id}/device-bindings';
const REVOKE = 'DELETE /participants/{id}/device-bindings';

export const handler = dispatchByRoute(FN, {
  [ISSUE]: httpHandler({ fn: FN, route: ISSUE, path: participantPathSchema }, async ({ auth, path, deps, log }) => {
    log.append({ participantRef: path.id });
    return created(await issueCode(deps, auth, path.id, ISSUE));
  }),
  [LIST]: httpHandler({ fn: FN, route: LIST, path: participantPathSchema }, async ({ auth, path, deps, log }) => {
    log.append({ participantRef: path.id });
    return ok(await listDevices(deps, auth, path.id, LIST));
  }),
  [REVOKE]: httpHandler({ fn: FN, route: REVOKE, path: participantPathSchema }, async ({ auth, path, deps, log }) => {
    log.append({ participantRef: path.id });
    return ok(await revokeDevices(deps, auth, path.id, REVOKE));
  }),
});
