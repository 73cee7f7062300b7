/** GET /participants/{id}/rights-cases (adviser, assigned only; access-logged first): the participant's correction requests and complaints. */
import { getRightsRepo } from '../../shared/adapters/rights-repo.js';
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { participantPathSchema, recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import { rightsCaseView } from '../me-rights-list/rights-view.js';

const ROUTE = routeOf('participant-rights-list');

export const handler = httpHandler({ fn: 'participant-rights-list', path: participantPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ participantRef: path.id });
  await requireStaffAccess(deps, auth, path.id);
  await recordAccess(deps, auth, path.id, 'READ', 'rights-cases', `${ROUTE.method} ${ROUTE.path}`);
  const cases = await getRightsRepo().listForParticipant(path.id);
  log.append({ count: cases.length });
  return ok({ participantId: path.id, cases: cases.filter((c) => c.municipality === auth.municipality).map(rightsCaseView) });
});
