/**
 * POST /simulations (adviser): the body is a case (case-format.md). Its strict
 * schema is the engine's own (shared/domain/case.ts `parseCase`), applied in
 * the use case so each error names the field the way `npm run simulate`
 * does. Here the body is taken as parsed, untouched: copying it through a
 * record schema would turn a `"__proto__"` key into a prototype instead of
 * the unknown field it is.
 */
import * as z from 'zod';

export const simulationBodySchema = z.unknown();

/** A month of days with twelve months of history fits easily; the engine's own caps bound the work. */
export const SIMULATION_MAX_BODY_BYTES = 128 * 1024;
