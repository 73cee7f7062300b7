/** GET /absences?status=PENDING (adviser): absences of assigned participants, by status. */
import { z } from 'zod';
import { ABSENCE_STATUSES } from '../../shared/domain/decision.js';

export const queueQuerySchema = z.strictObject({
  status: z.enum(ABSENCE_STATUSES).default('PENDING'),
});
