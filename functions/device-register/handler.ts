/** POST /devices (admin): register a kiosk device; its credential secret is returned once and stored hashed. */
import { created, httpHandler } from '../../shared/http/middleware.js';
import { registerDevice } from './register-device.js';
import { deviceBodySchema } from './schema.js';

export const handler = httpHandler({ fn: 'device-register', body: deviceBodySchema }, async ({ auth, body, deps, log }) => {
  log.append({ deviceId: body.deviceId });
  return created(await registerDevice(deps, auth, body));
});
