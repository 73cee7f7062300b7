/** PUT /decisions/{participantId}/{period}/seen (adviser, assigned only): a REVIEW decision was looked at. */
import { httpHandler, routeOf } from '../../shared/http/middleware.js';
import { markSeen } from './mark-seen.js';
import { seenBodySchema, seenPathSchema } from './schema.js';

const ROUTE = routeOf('decision-seen');

export const handler = httpHandler({ fn: 'decision-seen', path: seenPathSchema, body: seenBodySchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.participantId, period: path.period });
  const { created, record } = await markSeen(deps, auth, path.participantId, path.period, body, ROUTE);
  return { status: created ? 201 : 200, body: record };
});
