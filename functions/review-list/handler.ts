/** GET /reviews (adviser): VEDTAK_REQUIRED and/or REVIEW decisions of assigned participants of the caller's municipality, open first. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { listReviews } from './list-reviews.js';
import { reviewQuerySchema } from './schema.js';

const ROUTE = routeOf('review-list');

export const handler = httpHandler({ fn: 'review-list', query: reviewQuerySchema }, async ({ auth, query, deps }) => {
  return ok(await listReviews(deps, auth, { status: query.status ?? 'ALL', review: query.review ?? 'VEDTAK_REQUIRED' }, `${ROUTE.method} ${ROUTE.path}`));
});
