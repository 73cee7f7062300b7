/** Paths of the adviser's decision reads: /participants/{id}/decisions[/{period}[/explanation]]. */
import * as z from 'zod';
import { participantIdSchema, periodSchema } from './period-schema.js';

export const participantPathSchema = z.strictObject({ id: participantIdSchema });
export const participantPeriodPathSchema = z.strictObject({ id: participantIdSchema, period: periodSchema });
