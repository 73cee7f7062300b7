/**
 * PUT /participants/{id}/schedule (adviser, assigned only): the whole
 * schedule (effective-dated weekly plans and dated exceptions, in
 * Europe/Oslo local time; shared/domain/schedule/schedule.ts), replacing the
 * previous one. Public holidays are not entered: they come from
 * shared/domain/schedule/holidays.ts when days are computed.
 */
import * as z from 'zod';
import { scheduleSchema } from '../../shared/domain/schedule/schedule.js';
import { participantPathSchema } from '../../shared/http/staff-access.js';

export { participantPathSchema };

export const scheduleBodySchema = z.strictObject({
  /** The profile version the adviser read (stale → 409 PARTICIPANT_CHANGED). */
  expectedVersion: z.number().int().min(1).max(1_000_000_000),
  schedule: scheduleSchema,
});

export type ScheduleBody = z.output<typeof scheduleBodySchema>;
