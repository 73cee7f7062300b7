/**
 * Correction requests and complaints as the API answers them (issue 12):
 * what the participant and their adviser see of a case. Built by
 * shared/features/rights/rights-view.ts, read by the pages' rights tabs
 * (web/src/lib/rights-cases.ts) as types. Staff refs stay out of it (the
 * access log names who).
 *
 * Types only: nothing here runs.
 */
import type { ComplaintChannel } from '../domain/rights/complaint.js';
import type { CorrectionMade, CorrectionSubject } from '../domain/rights/correction-request.js';

/** One step of a case, as the participant sees it (a role, never a name or ref). */
export interface RightsStep {
  status: string;
  at: string;
  byRole: string;
}

/** An adviser's answer or reassessment: the reason is shown to the participant. */
export interface AnswerView {
  reason: string;
  at: string;
  byRole: string;
  /** The correction that carried out an accepted request or upheld complaint. */
  correction: CorrectionMade | null;
}

interface BaseView {
  caseId: string;
  period: string;
  status: string;
  version: number;
  createdAt: string;
  /** The participant's own words; null once minimised (retention). */
  text: string | null;
  history: RightsStep[];
}

export interface CorrectionRequestView extends BaseView {
  kind: 'CORRECTION_REQUEST';
  subject: CorrectionSubject;
  absenceId: string | null;
  answer: AnswerView | null;
}

export interface ComplaintView extends BaseView {
  kind: 'COMPLAINT';
  channel: ComplaintChannel;
  decisionId: string;
  decisionVersion: number;
  receivedOn: string;
  madeKnownOn: string | null;
  deadline: string | null;
  late: boolean;
  reassessment: (AnswerView & { upheld: boolean }) | null;
  forwardedAt: string | null;
  outcome: { outcome: string; decidedOn: string; note: string; recordedAt: string } | null;
}

export type RightsCaseView = CorrectionRequestView | ComplaintView;

/** A case on the adviser's queue: with whose it is. */
export type RightsQueueItem = RightsCaseView & { participantId: string };

/** GET /me/rights-cases. */
export interface RightsCasesResponse {
  cases: RightsCaseView[];
}

/**
 * POST /me/correction-requests, POST /me/complaints, a paper complaint and the
 * adviser's answers: the case as it now stands; `created` false for a replay
 * (the same request id again). `V`: the kind the route answers with.
 */
export interface RightsCaseResponse<V extends RightsCaseView = RightsCaseView> {
  case: V;
  created: boolean;
}

/** GET /rights-cases?status=…: the adviser's queue. */
export interface RightsQueueResponse {
  status: 'OPEN' | 'ALL';
  items: RightsQueueItem[];
}
