/** GET /me/language (participant): the language on my file (nb until someone chooses another). */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { readOwnLanguage } from '../me-language-set/language.js';

export const handler = httpHandler({ fn: 'me-language-get' }, async ({ auth, deps, log }) => {
  log.append({ participantRef: auth.participantId });
  return ok(await readOwnLanguage(deps, auth));
});
