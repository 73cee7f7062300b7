/** POST /me/complaints (participant): complain about a month's decision; received today (Oslo); a late one is recorded as late. */
import { decisionDeps } from '../../shared/adapters/decision-reviews-repo.js';
import { getRightsRepo } from '../../shared/adapters/rights-repo.js';
import { osloTime } from '../../shared/domain/attendance/oslo-time.js';
import { created, httpHandler, ok } from '../../shared/http/middleware.js';
import { complaintSchema } from '../me-rights-list/schema.js';
import { fileComplaint } from './file-complaint.js';

export const handler = httpHandler({ fn: 'me-complaint-file', body: complaintSchema }, async ({ auth, body, deps, log }) => {
  log.append({ participantRef: auth.participantId, period: body.period });
  const receivedOn = osloTime(deps.clock.now().getTime()).date;
  const r = await fileComplaint(deps, decisionDeps(), getRightsRepo(), auth, { participantId: auth.participantId!, receivedOn }, body);
  log.append({ caseId: r.view.caseId, created: r.created });
  return r.created ? created({ case: r.view, created: true }) : ok({ case: r.view, created: false });
});
