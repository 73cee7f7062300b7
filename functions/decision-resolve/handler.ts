/** PUT /decisions/{participantId}/{period}/resolution (adviser, assigned only): formal decision or adjustment. */
import { httpHandler, routeOf } from '../../shared/http/middleware.js';
import { resolveDecision } from './resolve-decision.js';
import { resolutionBodySchema, resolutionPathSchema } from './schema.js';

const ROUTE = routeOf('decision-resolve');

export const handler = httpHandler({ fn: 'decision-resolve', path: resolutionPathSchema, body: resolutionBodySchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.participantId, period: path.period, resolutionKind: body.kind });
  const { created, record } = await resolveDecision(deps, auth, path.participantId, path.period, body, ROUTE);
  return { status: created ? 201 : 200, body: record };
});
