/** GET /participants/{id}/decisions/{period}/explanation?lang=nb|en (adviser, assigned only; access-logged first). */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { readExplanation, requireLanguage } from '../../shared/features/decisions/read-explanation.js';
import { explanationQuerySchema } from '../../shared/features/decisions/explanation-schema.js';
import { beginAdviserRead } from '../../shared/features/decisions/adviser-read.js';
import { participantPeriodPathSchema } from '../../shared/features/decisions/adviser-path-schema.js';

const ROUTE = routeOf('participant-decision-explanation');

export const handler = httpHandler(
  { fn: 'participant-decision-explanation', path: participantPeriodPathSchema, query: explanationQuerySchema },
  async ({ auth, path, query, deps, log }) => {
    const lang = requireLanguage(query.lang);
    log.append({ participantRef: path.id, period: path.period, lang });
    await beginAdviserRead(deps, auth, path.id, 'decision-explanation', ROUTE);
    return ok(await readExplanation(deps, path.id, path.period, lang));
  },
);
