/** POST /devices/{id}/deactivation (admin): the kiosk's credential stops working; its next request is refused. */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { deactivateDevice } from './deactivate-device.js';
import { devicePathSchema } from './schema.js';

export const handler = httpHandler({ fn: 'device-deactivate', path: devicePathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ deviceId: path.id });
  return ok(await deactivateDevice(deps, auth, path.id));
});
