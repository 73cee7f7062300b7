/** POST /simulations (adviser): what-if on a posted case; stores nothing. */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { runSimulation } from './run-simulation.js';
import { SIMULATION_MAX_BODY_BYTES, simulationBodySchema } from './schema.js';

export const handler = httpHandler({ fn: 'simulation-run', body: simulationBodySchema, maxBodyBytes: SIMULATION_MAX_BODY_BYTES }, async ({ body }) => {
  return ok(runSimulation(body));
});
