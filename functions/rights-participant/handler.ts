/**
 * The participant's correction requests and complaints (issue 12; routes in
 * shared/contract/routes-rights.ts). One function serves the three routes (the stateless
 * stack stays under CloudFormation's 500 resources: a function costs seven),
 * each with its own validated handler chosen by the route key:
 * - POST /me/correction-requests: ask for a day or a fact to be corrected (file-request.ts);
 * - POST /me/complaints: complain about a month's decision, received today (file-complaint.ts);
 * - GET /me/rights-cases: the own cases, newest first, every step and answer.
 */
import type { RightsCasesResponse } from '../../shared/contract/rights.js';
import { osloTime } from '../../shared/domain/attendance/oslo-time.js';
import { created, httpHandler, ok } from '../../shared/http/middleware.js';
import { dispatchByRoute } from '../../shared/http/route-dispatch.js';
import { fileComplaint } from '../../shared/features/rights/file-complaint.js';
import { fileCorrectionRequest } from '../../shared/features/rights/file-request.js';
import { rightsCaseView } from '../../shared/features/rights/rights-view.js';
import { complaintSchema, correctionRequestSchema } from '../../shared/features/rights/schema.js';

const FN = 'rights-participant';

const fileRequest = httpHandler({ fn: FN, route: 'POST /me/correction-requests', body: correctionRequestSchema }, async ({ auth, body, deps, log }) => {
  log.append({ participantRef: auth.participantId, subject: body.subject.kind });
  const r = await fileCorrectionRequest(deps, auth, body);
  log.append({ caseId: r.view.caseId, created: r.created });
  return r.created ? created({ case: r.view, created: true }) : ok({ case: r.view, created: false });
});

const complain = httpHandler({ fn: FN, route: 'POST /me/complaints', body: complaintSchema }, async ({ auth, body, deps, log }) => {
  log.append({ participantRef: auth.participantId, period: body.period });
  const receivedOn = osloTime(deps.clock.now().getTime()).date;
  const r = await fileComplaint(deps, auth, { participantId: auth.participantId!, receivedOn }, body);
  log.append({ caseId: r.view.caseId, created: r.created });
  return r.created ? created({ case: r.view, created: true }) : ok({ case: r.view, created: false });
});

const list = httpHandler({ fn: FN, route: 'GET /me/rights-cases' }, async ({ auth, deps, log }) => {
  log.append({ participantRef: auth.participantId });
  const cases = await deps.rights.listForParticipant(auth.participantId!);
  log.append({ count: cases.length });
  return ok({ cases: cases.map(rightsCaseView) } satisfies RightsCasesResponse);
});

export const handler = dispatchByRoute(FN, {
  'POST /me/correction-requests': fileRequest,
  'POST /me/complaints': complain,
  'GET /me/rights-cases': list,
});
