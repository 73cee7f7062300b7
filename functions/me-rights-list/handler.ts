/** GET /me/rights-cases (participant): the own correction requests and complaints, newest first, with every step and answer. */
import { getRightsRepo } from '../../shared/adapters/rights-repo.js';
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { rightsCaseView } from './rights-view.js';

export const handler = httpHandler({ fn: 'me-rights-list' }, async ({ auth, log }) => {
  log.append({ participantRef: auth.participantId });
  const cases = await getRightsRepo().listForParticipant(auth.participantId!);
  log.append({ count: cases.length });
  return ok({ cases: cases.map(rightsCaseView) });
});
