/**
 * POST /participants/{id}/complaints (adviser, assigned only): record a
 * complaint received on paper, with the date it was received
 * (me-complaint-file/file-complaint.ts). The staff-access checks come first,
 * then the complaint's own checks, and the access-log entry just before the
 * write (shared/http/staff-access.ts), so a refused request writes nothing.
 */
import { decisionDeps } from '../../shared/adapters/decision-reviews-repo.js';
import { getRightsRepo } from '../../shared/adapters/rights-repo.js';
import { created, httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { participantPathSchema, recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import { fileComplaint } from '../me-complaint-file/file-complaint.js';
import { paperComplaintSchema } from '../me-rights-list/schema.js';

const ROUTE = routeOf('complaint-record');
export const PURPOSE = 'complaint-record';

export const handler = httpHandler({ fn: 'complaint-record', path: participantPathSchema, body: paperComplaintSchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id, period: body.period });
  await requireStaffAccess(deps, auth, path.id);
  const source = { participantId: path.id, receivedOn: body.receivedOn, recordedBy: auth, beforeWrite: () => recordAccess(deps, auth, path.id, 'WRITE', PURPOSE, `${ROUTE.method} ${ROUTE.path}`) };
  const r = await fileComplaint(deps, decisionDeps(), getRightsRepo(), auth, source, body);
  log.append({ caseId: r.view.caseId, created: r.created });
  return r.created ? created({ case: r.view, created: true }) : ok({ case: r.view, created: false });
});
