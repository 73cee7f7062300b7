/** Payroll runs: start, progress, approvals, export (payroll role); see routes.ts. */
import type { RouteDef } from './routes.js';

export const PAYROLL_ROUTES: readonly RouteDef[] = [];
