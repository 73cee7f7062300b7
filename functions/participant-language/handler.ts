/** PUT /participants/{id}/language (adviser, assigned only): the participant's language for the pages and the kiosk. */
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { languageBodySchema, participantPathSchema } from './schema.js';
import { setLanguage } from './set-language.js';

const ROUTE = routeOf('participant-language');

export const handler = httpHandler({ fn: 'participant-language', path: participantPathSchema, body: languageBodySchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id });
  const result = await setLanguage(deps, auth, path.id, body, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ version: result.version });
  return ok(result);
});
