/** GET /participants/{id} (adviser, assigned only). */
export { participantPathSchema } from './staff-access.js';
