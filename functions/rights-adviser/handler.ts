/**
 * The adviser's side of correction requests and complaints (issue 12; routes
 * in shared/contract/routes-rights.ts). One function serves the seven routes (the
 * stateless stack stays under CloudFormation's 500 resources), each with its
 * own validated handler chosen by the route key. Every route names the
 * staff-access checks first and writes the access-log entry before it reads
 * or changes anything personal (shared/http/staff-access.ts):
 * - GET /rights-cases: the queue (list-queue.ts);
 * - GET /participants/{id}/rights-cases: one participant's cases;
 * - PUT …/correction-requests/{caseId}/answer: accept with a correction, or refuse (answer-request.ts);
 * - POST /participants/{id}/complaints: a complaint received on paper, with its date;
 * - PUT …/complaints/{caseId}/reassessment: uphold with a correction, or send to Statsforvalteren (reassess.ts);
 * - GET …/complaints/{caseId}/case-file: the case file for Statsforvalteren, a JSON download (case-file.ts);
 * - PUT …/complaints/{caseId}/outcome: Statsforvalteren's outcome (record-outcome.ts).
 */
import type { RightsQueueResponse } from '../../shared/contract/rights.js';
import { created, httpHandler, ok } from '../../shared/http/middleware.js';
import { dispatchByRoute } from '../../shared/http/route-dispatch.js';
import { participantPathSchema, recordAccess, requireStaffAccess } from '../../shared/http/staff-access.js';
import { fileComplaint } from '../../shared/features/rights/file-complaint.js';
import { rightsCaseView } from '../../shared/features/rights/rights-view.js';
import { answerSchema, casePathSchema, outcomeSchema, paperComplaintSchema, queueQuerySchema, reassessmentSchema } from '../../shared/features/rights/schema.js';
import { answerRequest } from './answer-request.js';
import { buildCaseFile } from './case-file.js';
import { listRightsQueue } from './list-queue.js';
import { reassessComplaint } from './reassess.js';
import { recordOutcome } from './record-outcome.js';

const FN = 'rights-adviser';
const R = {
  queue: 'GET /rights-cases',
  list: 'GET /participants/{id}/rights-cases',
  answer: 'PUT /participants/{id}/correction-requests/{caseId}/answer',
  paper: 'POST /participants/{id}/complaints',
  reassess: 'PUT /participants/{id}/complaints/{caseId}/reassessment',
  caseFile: 'GET /participants/{id}/complaints/{caseId}/case-file',
  outcome: 'PUT /participants/{id}/complaints/{caseId}/outcome',
} as const;

const queue = httpHandler({ fn: FN, route: R.queue, query: queueQuerySchema }, async ({ auth, query, deps, log }) => {
  const status = query.status ?? 'OPEN';
  const items = await listRightsQueue(deps, auth, status, R.queue);
  log.append({ status, count: items.length });
  return ok({ status, items } satisfies RightsQueueResponse);
});

const list = httpHandler({ fn: FN, route: R.list, path: participantPathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ participantRef: path.id });
  await requireStaffAccess(deps, auth, path.id);
  await recordAccess(deps, auth, path.id, 'READ', 'rights-cases', R.list);
  const cases = await deps.rights.listForParticipant(path.id);
  log.append({ count: cases.length });
  return ok({ participantId: path.id, cases: cases.filter((c) => c.municipality === auth.municipality).map(rightsCaseView) });
});

const answer = httpHandler({ fn: FN, route: R.answer, path: casePathSchema, body: answerSchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id, caseId: path.caseId, action: body.action });
  const r = await answerRequest(deps, auth, path.id, path.caseId, body, R.answer);
  log.append({ status: r.case.status, created: r.created });
  return ok(r);
});

// The complaint's own checks run before the access-log entry, which is written just before the case (file-complaint.ts `beforeWrite`).
const paper = httpHandler({ fn: FN, route: R.paper, path: participantPathSchema, body: paperComplaintSchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id, period: body.period });
  await requireStaffAccess(deps, auth, path.id);
  const source = { participantId: path.id, receivedOn: body.receivedOn, recordedBy: auth, beforeWrite: () => recordAccess(deps, auth, path.id, 'WRITE', 'complaint-record', R.paper) };
  const r = await fileComplaint(deps, auth, source, body);
  log.append({ caseId: r.view.caseId, created: r.created });
  return r.created ? created({ case: r.view, created: true }) : ok({ case: r.view, created: false });
});

const reassess = httpHandler({ fn: FN, route: R.reassess, path: casePathSchema, body: reassessmentSchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id, caseId: path.caseId, upheld: body.upheld });
  const r = await reassessComplaint(deps, auth, path.id, path.caseId, body, R.reassess);
  log.append({ status: r.case.status, created: r.created });
  return ok(r);
});

const caseFile = httpHandler({ fn: FN, route: R.caseFile, path: casePathSchema }, async ({ auth, path, deps, log }) => {
  log.append({ participantRef: path.id, caseId: path.caseId });
  const file = await buildCaseFile(deps, auth, path.id, path.caseId, R.caseFile);
  log.append({ decisions: file.decisions.length, accessLogEntries: file.accessLog.length });
  return { status: 200, body: file, headers: { 'content-disposition': `attachment; filename="klage-${path.caseId}.json"` } };
});

const outcome = httpHandler({ fn: FN, route: R.outcome, path: casePathSchema, body: outcomeSchema }, async ({ auth, path, body, deps, log }) => {
  log.append({ participantRef: path.id, caseId: path.caseId, outcome: body.outcome });
  const r = await recordOutcome(deps, auth, path.id, path.caseId, body, R.outcome);
  log.append({ status: r.case.status, created: r.created });
  return ok(r);
});

export const handler = dispatchByRoute(FN, {
  [R.queue]: queue,
  [R.list]: list,
  [R.answer]: answer,
  [R.paper]: paper,
  [R.reassess]: reassess,
  [R.caseFile]: caseFile,
  [R.outcome]: outcome,
});
