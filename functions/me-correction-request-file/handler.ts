/** POST /me/correction-requests (participant): ask for a day or a fact of the own file to be corrected; goes to the adviser's queue. */
import { getRightsRepo } from '../../shared/adapters/rights-repo.js';
import { created, httpHandler, ok } from '../../shared/http/middleware.js';
import { correctionRequestSchema } from '../me-rights-list/schema.js';
import { fileCorrectionRequest } from './file-request.js';

export const handler = httpHandler({ fn: 'me-correction-request-file', body: correctionRequestSchema }, async ({ auth, body, deps, log }) => {
  log.append({ participantRef: auth.participantId, subject: body.subject.kind });
  const r = await fileCorrectionRequest(deps, getRightsRepo(), auth, body);
  log.append({ caseId: r.view.caseId, created: r.created });
  return r.created ? created({ case: r.view, created: true }) : ok({ case: r.view, created: false });
});
