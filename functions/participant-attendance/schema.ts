/** GET /participants/{id}/attendance?month=YYYY-MM (adviser, assigned only): the same month view the participant sees. */
export { monthQuerySchema } from '../../shared/features/attendance/month-schema.js';
export { participantPathSchema } from '../../shared/http/staff-access.js';
