/**
 * The participant's own language (issue 11 §2; language.ts): one function
 * serves both routes (the stateless stack stays under CloudFormation's 500
 * resources: a function costs seven), each with its own validated handler
 * chosen by the route key:
 * - GET /me/language: the language on my file (nb until someone chooses another);
 * - PUT /me/language: change the language of my pages and of the kiosk.
 */
import * as z from 'zod';
import { languageSchema } from '../../shared/features/participants/language-schema.js';
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { dispatchByRoute } from '../../shared/http/route-dispatch.js';
import { readOwnLanguage, setOwnLanguage } from './language.js';

const FN = 'me-language';

export const ownLanguageBodySchema = z.strictObject({ language: languageSchema });

const read = httpHandler({ fn: FN, route: 'GET /me/language' }, async ({ auth, deps, log }) => {
  log.append({ participantRef: auth.participantId });
  return ok(await readOwnLanguage(deps, auth));
});

const set = httpHandler({ fn: FN, route: 'PUT /me/language', body: ownLanguageBodySchema }, async ({ auth, body, deps, log }) => {
  log.append({ participantRef: auth.participantId });
  return ok(await setOwnLanguage(deps, auth, body.language));
});

export const handler = dispatchByRoute(FN, {
  'GET /me/language': read,
  'PUT /me/language': set,
});
