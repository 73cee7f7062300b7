/** PUT /participants/{id}/access (admin): open or close the participant's own access, with a reason. */
import * as z from 'zod';
import { participantPathSchema } from '../../shared/http/staff-access.js';

export { participantPathSchema };

export const accessBodySchema = z.strictObject({
  status: z.enum(['OPEN', 'CLOSED']),
  /** Why (shown to staff with the file's access history; the participant's access log names the change). */
  reason: z
    .string()
    .trim()
    .min(3, { message: 'a reason is required (at least 3 characters)' })
    .max(500)
    .regex(/^[^\p{C}]+$/u, { message: 'must not contain control characters' }),
});

export type AccessBody = z.output<typeof accessBodySchema>;
