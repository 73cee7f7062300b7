/** Decisions: participants and advisers read decisions and explanations, advisers resolve VEDTAK_REQUIRED reviews, what-if simulations; see routes.ts. */
import type { RouteDef } from './routes.js';

export const DECISION_ROUTES: readonly RouteDef[] = [];
