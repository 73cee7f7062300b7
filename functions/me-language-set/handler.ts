/** PUT /me/language (participant): change the language of my pages and of the kiosk. */
import * as z from 'zod';
import { languageSchema } from '../../shared/contract/languages.js';
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { setOwnLanguage } from './language.js';

export const ownLanguageBodySchema = z.strictObject({ language: languageSchema });

export const handler = httpHandler({ fn: 'me-language-set', body: ownLanguageBodySchema }, async ({ auth, body, deps, log }) => {
  log.append({ participantRef: auth.participantId });
  return ok(await setOwnLanguage(deps, auth, body.language));
});
