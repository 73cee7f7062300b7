/** GET /me/decisions/{period}/explanation?lang=nb|en (participant): every layer of the explanation. */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { readExplanation, requireLanguage } from '../../shared/features/decisions/read-explanation.js';
import { explanationQuerySchema, mePeriodPathSchema } from '../../shared/features/decisions/explanation-schema.js';

export const handler = httpHandler({ fn: 'me-decision-explanation', path: mePeriodPathSchema, query: explanationQuerySchema }, async ({ auth, path, query, deps, log }) => {
  const lang = requireLanguage(query.lang);
  log.append({ participantRef: auth.participantId, period: path.period, lang });
  return ok(await readExplanation(deps, auth.participantId!, path.period, lang));
});
