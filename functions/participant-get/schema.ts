/** GET /participants/{id} (adviser, assigned only). */
export { participantPathSchema } from '../../shared/http/staff-access.js';
