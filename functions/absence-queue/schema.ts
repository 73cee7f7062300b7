/** GET /absences?status=PENDING (adviser): absences of assigned participants, by status. */
// Namespace import (zod 4's advice): lets the bundler drop what is unused (a named `z` import carries all of zod, locales included).
import * as z from 'zod';
import { ABSENCE_STATUSES } from '../../shared/domain/decision.js';

export const queueQuerySchema = z.strictObject({
  status: z.enum(ABSENCE_STATUSES).default('PENDING'),
});
