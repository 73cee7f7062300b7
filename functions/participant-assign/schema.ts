/** PUT /participants/{id}/advisers (admin): the participant's advisers, replacing the previous list. */
import * as z from 'zod';
import { participantPathSchema } from '../../shared/http/staff-access.js';

export { participantPathSchema };

export const assignBodySchema = z.strictObject({
  /** The advisers' user ids (Cognito `sub`); empty: nobody (only admins reach the file then). */
  advisers: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, { message: 'must be a user id (sub)' }))
    .max(20)
    .refine((a) => new Set(a).size === a.length, { message: 'lists an adviser twice' }),
});

export type AssignBody = z.output<typeof assignBodySchema>;
