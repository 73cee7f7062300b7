/** POST /devices/{id}/deactivation (admin). */
import * as z from 'zod';

export const devicePathSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a device id' }),
});
