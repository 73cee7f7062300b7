/**
 * The activation path's adviser routes (issue 13 item 3), one function
 * (shared/http/route-dispatch.ts):
 * - POST   /participants/{id}/activation-codes: a one-time code, shown once;
 * - GET    /participants/{id}/device-bindings: the participant's bound devices;
 * - DELETE /participants/{id}/device-bindings: ends every bound device.
 * Adviser, assigned only; every call on the participant's access log.
 * And the phone's side, the one public route (no token: the phone has none yet):
 * - POST   /device-activations: redeems a code, binds the phone's public key and makes its
 *   sign-in account (device-access.ts `redeemCode`); throttled at API Gateway and limited per
 *   code and per source address in DynamoDB.
 */
import * as z from 'zod';
import { httpHandler, ok, created } from '../../shared/http/middleware.js';
import { dispatchByRoute } from '../../shared/http/route-dispatch.js';
import { participantPathSchema } from '../../shared/http/staff-access.js';
import { issueCode, listDevices, redeemCode, revokeDevices } from './device-access.js';

const FN = 'participant-device-access';
const ISSUE = 'POST /participants/{id}/activation-codes';
const LIST = 'GET /participants/{id}/device-bindings';
const REVOKE = 'DELETE /participants/{id}/device-bindings';
const REDEEM = 'POST /device-activations';

/** The code as typed (normalised by the shared step) and the phone's public key (checked there: EC P-256, public part only). */
const redeemBodySchema = z.strictObject({
  code: z.string().min(1).max(40),
  publicKey: z.record(z.string(), z.unknown()),
});

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
  // Small body: a code and a public JWK.
  [REDEEM]: httpHandler({ fn: FN, route: REDEEM, body: redeemBodySchema, maxBodyBytes: 2048 }, async ({ body, sourceIp, deps, log }) => {
    const activation = await redeemCode(deps, { code: body.code, publicKey: body.publicKey, sourceIp });
    log.append({ participantRef: activation.participantId });
    return created(activation);
  }),
});
