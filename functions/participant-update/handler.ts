/**
 * The adviser's changes to an assigned participant's file. One function
 * serves both routes (the stateless stack stays under CloudFormation's 500
 * resources: a function costs seven), each with its own validated handler
 * chosen by the route key:
 * - PATCH /participants/{id}: change facts, effective-dated, with optimistic concurrency (expectedVersion);
 * - PUT /participants/{id}/language: the participant's language for the pages and the kiosk
 *   (functions/participant-language, its own audit purpose).
 */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { dispatchByRoute } from '../../shared/http/route-dispatch.js';
import { languageBodySchema, participantPathSchema as languagePathSchema } from './language-schema.js';
import { setLanguage } from './set-language.js';
import { updateFacts } from './update-facts.js';
import { participantPathSchema, updateSchema } from './schema.js';

const FN = 'participant-update';
const FACTS = 'PATCH /participants/{id}';
const LANGUAGE = 'PUT /participants/{id}/language';

const facts = httpHandler({ fn: FN, route: FACTS, path: participantPathSchema, body: updateSchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id });
  const result = await updateFacts(deps, auth, path.id, body, FACTS);
  log.append({ version: result.version });
  return ok(result);
});

const language = httpHandler({ fn: FN, route: LANGUAGE, path: languagePathSchema, body: languageBodySchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id });
  const result = await setLanguage(deps, auth, path.id, body, LANGUAGE);
  log.append({ version: result.version });
  return ok(result);
});

// Both keys are rows of shared/contract/routes.ts: dispatchByRoute checks it when the module loads.
export const handler = dispatchByRoute(FN, { [FACTS]: facts, [LANGUAGE]: language });
