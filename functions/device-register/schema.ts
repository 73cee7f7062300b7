/** POST /devices (admin): register a kiosk device of the admin's municipality. */
import * as z from 'zod';

export const deviceBodySchema = z.strictObject({
  /** The id the kiosk is configured with (and its token carries as custom:deviceId). */
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{3,64}$/, { message: 'must be 3–64 letters, digits, _ or -' }),
  /** Where it stands, e.g. "Learning centre, entrance". */
  label: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\p{C}]+$/u, { message: 'must not contain control characters' }),
});

export type DeviceBody = z.output<typeof deviceBodySchema>;
