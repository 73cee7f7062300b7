/**
 * What the API answers, route by route: the response bodies the pages read
 * (web/src/<page>/api.ts imports these as types) and the functions return
 * (they check their return values against these with `satisfies`). Written
 * from what the functions actually return; a function that changes its answer
 * fails the type check here before a page reads a field that is not there.
 *
 * Types only: nothing here runs, so the pages' bundles take nothing from it.
 */
import type { ParticipantLanguage } from './languages.js';
import type { ParticipantFacts } from '../domain/participant-facts.js';
import type { AttendanceDay } from '../domain/attendance/month-view.js';
import type { DayCorrection } from '../domain/attendance/day-correction.js';
import type { Decision } from '../domain/decision.js';
import type { ExplanationLayer, LayerName } from '../domain/explanation/render.js';
import type { Correction } from '../domain/payroll/correction.js';
import type { RevisionCause } from '../domain/payroll/explanation-versions.js';
import type { Resolution } from '../domain/payroll/resolution.js';
import type { Schedule } from '../domain/schedule/schedule.js';

export type ReviewClass = 'AUTOMATIC' | 'REVIEW' | 'VEDTAK_REQUIRED';
export type AbsenceStatus = 'APPROVED' | 'PENDING' | 'REJECTED';

// ---- participants (adviser) -------------------------------------------------

/** GET /participants: the adviser's assigned participants. */
export interface ParticipantListItem {
  participantId: string;
  givenName: string;
  familyName: string;
  payrollRef: string | null;
  programStart: string;
  version: number;
}
export interface ParticipantListResponse {
  participants: ParticipantListItem[];
}

/** GET /participants/{id}: the participant's file (facts, schedule, history). */
export interface ParticipantFileResponse {
  participantId: string;
  municipality: string;
  payrollRef: string | null;
  facts: ParticipantFacts;
  schedule: Schedule;
  language: ParticipantLanguage;
  version: number;
  updatedAt: string;
  givenName: string;
  familyName: string;
  nationalId: string;
  factHistory: { effectiveFrom: string; changes: Partial<ParticipantFacts>; [k: string]: unknown }[];
  kioskCredentials: ('CARD' | 'QR')[];
  advisers: string[];
}

// ---- attendance and absences ----------------------------------------------

/** An absence as participants and advisers see it (the history names the role, never the person). */
export interface AbsenceView {
  absenceId: string;
  date: string;
  /** null: the whole day. */
  minutes: number | null;
  category: string;
  documentation: string;
  status: AbsenceStatus;
  version: number;
  createdAt: string;
  history: { at: string; byRole: string; byName?: string; from: string | null; to: string; reason?: string }[];
}

/** GET /me/attendance?month=, GET /participants/{id}/attendance?month= (the latter adds participantId). */
export interface MonthAttendanceResponse {
  month: string;
  days: AttendanceDay[];
  absences: AbsenceView[];
  corrections: DayCorrection[];
}

/** GET /absences?status=: the adviser's document queue. */
export interface AbsenceQueueResponse {
  status: AbsenceStatus;
  items: (AbsenceView & { participantId: string })[];
}

/** POST /absences: the reported absence. */
export type AbsenceReportResponse = AbsenceView & { participantId: string };

// ---- decisions ----------------------------------------------------------------

export interface ResolutionView {
  kind: Resolution['kind'];
  resolution: Resolution;
  resolvedAt: string;
}

/** One month's latest decision version, as a list row. */
export interface DecisionSummary {
  period: string;
  version: number;
  decisionId: string;
  createdAt: string;
  supersedes: string | null;
  baseOre: number;
  deductionOre: number;
  payoutOre: number;
  /** What is paid: `payoutOre`, or the adviser's adjusted payout. */
  paidOre: number;
  review: ReviewClass;
  resolution: ResolutionView | null;
  released: boolean;
}

/** GET /me/decisions, GET /participants/{id}/decisions. */
export interface DecisionListResponse {
  decisions: DecisionSummary[];
}

export interface DecisionVersionView extends DecisionSummary {
  correction: Correction | null;
}

/** GET /me/decisions/{period}, GET /participants/{id}/decisions/{period}. */
export interface DecisionDetailResponse extends DecisionVersionView {
  participantId: string;
  decision: Omit<Decision, 'explanation'>;
  versions: DecisionVersionView[];
  /** Advisers only (GET /participants/{id}/decisions/{period}): the case the engine judged, the start of a what-if. */
  input?: unknown;
}

/** One stored version of the month's explanation. */
export interface ExplanationVersionView {
  /** 1, 2, …: the order the participant reads them in. */
  number: number;
  /** The decision version it explains, and its revision (0: stored with the decision). */
  version: number;
  revision: number;
  decisionId: string;
  createdAt: string;
  cause: RevisionCause;
  /** What this version says is paid (payout-steps.ts `paidOre`). */
  paidOre: number;
  templateVersion: string;
  /** The stored text in the reader's language, byte for byte; for a version stored before that language existed, the Norwegian one. */
  text: string;
  /** The language of `text`. */
  lang: string;
}

/** GET …/decisions/{period}/explanation?lang= (the fields the pages read; the route answers more). */
export interface ExplanationResponse {
  participantId: string;
  period: string;
  version: number;
  decisionId: string;
  explanationVersion: number;
  lang: string;
  /** Writing direction of `lang`: the page sets `dir` on the explanation (Arabic: `rtl`). */
  dir: 'ltr' | 'rtl';
  /** A translation no qualified translator has checked: the summary's first line says the Norwegian text applies, and the page marks it. */
  uncheckedTranslation: boolean;
  templateVersion: string;
  layers: ({ name: LayerName } & ExplanationLayer)[];
  text: string;
  paidOre: number;
  released: boolean;
  resolution: ResolutionView | null;
  history: ExplanationVersionView[];
}

/** GET /reviews?review=&status=: the adviser's formal-decision queue and REVIEW decisions to look at. */
export interface ReviewEntry {
  participantId: string;
  period: string;
  version: number;
  decisionId: string;
  createdAt: string;
  review: 'VEDTAK_REQUIRED' | 'REVIEW';
  baseOre: number;
  grossOre: number;
  deductionOre: number;
  payoutOre: number;
  reviewFacts: Decision['reviewFacts'];
  lines: Decision['lines'];
  resolved: boolean;
  resolution: ResolutionView | null;
  seen: { seenAt: string; seenByRef: string } | null;
}
export interface ReviewListResponse {
  reviews: ReviewEntry[];
}

/** POST /simulations: the engine's decision on the posted case and its explanation per language. */
export interface SimulationResponse {
  decision: Decision;
  layers: Record<string, ({ name: LayerName } & ExplanationLayer)[]>;
}

// ---- kiosk -------------------------------------------------------------------

/** GET /participants/{id}/kiosk-credential. */
export interface KioskStatusResponse {
  participantId: string;
  credentials: { kind: 'CARD' | 'QR'; locked: boolean; lockedUntil: string | null; attempts: number }[];
  refusedReplays: { eventId: string; type: 'IN' | 'OUT'; deviceId: string; deviceTime: string; code: string; [k: string]: unknown }[];
}

/** PUT /participants/{id}/kiosk-credential with issueCard: the card number, shown once. */
export interface KioskCredentialIssuedResponse {
  issued: { cardNumber?: string; qrToken?: string };
  [k: string]: unknown;
}

/** POST /kiosk-identifications. */
export interface IdentificationResponse {
  identificationId: string;
  participantInitial: string;
  expiresAt: string;
  /** The participant's language: the kiosk switches to it. */
  language: ParticipantLanguage;
}

/** POST /checkins. */
export interface CheckinReceiptResponse {
  receiptId: string;
  eventId: string;
  type: 'IN' | 'OUT';
  participantInitial: string;
  recordedAt: string;
  deviceTime: string;
}

// ---- the participant's own ----------------------------------------------------

/** GET /me/access-log. */
export interface AccessLogResponse {
  entries: { seq: number | null; state: 'SEALED' | 'PENDING'; at: string; role: string; staffRef: string; staffName?: string; action: string; purpose: string; route: string }[];
  integrity: 'VERIFIED' | 'BROKEN' | 'UNVERIFIED';
}

// ---- payroll -----------------------------------------------------------------

export interface ReviewAmounts {
  baseOre: number;
  deductionOre: number;
  payoutOre: number;
}
export interface RunTotalsView {
  baseOre: number;
  deductionOre: number;
  payoutOre: number;
  backPaymentOre: number;
  byReview: Record<ReviewClass, number>;
  amountsByReview: Record<ReviewClass, ReviewAmounts>;
}

export type RunStatus = 'COMPUTING' | 'AWAITING_APPROVAL' | 'RELEASED' | 'FAILED';

/** GET /payroll-runs/{id}, POST /payroll-runs: ids, status, progress and amounts; no personal data. */
export interface RunViewResponse {
  runId: string;
  municipality: string;
  period: string;
  status: RunStatus;
  startedAt: string;
  startedBy: string;
  progress: { batches: number; batchesDone: number; participants: number; percent: number };
  totals: RunTotalsView | null;
  /** `you` (GET /payroll-runs/{id} only): this approval is the caller's. */
  approvals: { userId: string; at: string; you?: boolean; name?: string }[];
  /** The caller is one of the approvers (GET /payroll-runs/{id} only): the page hides Godkjenn then. */
  approvedByYou?: boolean;
  failure: string | null;
  releasedAt: string | null;
  export: unknown;
  updatedAt: string;
}

/** GET /payroll-runs. */
export interface RunListResponse {
  runs: RunViewResponse[];
}

/** GET /payroll-runs/{id}/decisions: one row per decision; ids and amounts only. */
export interface RunDecisionRow {
  participantId: string;
  decisionId: string;
  version: number;
  review: ReviewClass;
  grossOre: number;
  baseOre: number;
  deductionOre: number;
  payoutOre: number;
  paidOre: number;
  resolution: 'FORMAL_DECISION' | 'ADJUSTMENT' | null;
}
export interface RunDecisionsResponse {
  runId: string;
  period: string;
  status: RunStatus;
  count: number;
  unresolvedVedtak: number;
  decisions: RunDecisionRow[];
  backPayments: { participantId: string; period: string; decisionId: string; amountOre: number }[];
  nextAfter: string | null;
}

/** GET/POST /payroll-runs/{id}/export (functions/payroll-run-export/export-view.ts): the export job of a released run; no store key, no link. */
export interface ExportJobResponse {
  runId: string;
  /** NOT_STARTED: a released run whose job was never made (POST …/export makes it). */
  status: 'NOT_STARTED' | 'PENDING' | 'RUNNING' | 'READY' | 'FAILED';
  phase: 'QUEUED' | 'READING' | 'ACCESS_LOG' | 'WRITING' | 'DONE' | null;
  percent: number;
  /** Participants whose access-log entry is written, of `total` (the file's lines). */
  done: number;
  total: number;
  attempts: number;
  requestedAt: string | null;
  updatedAt: string | null;
  failure: string | null;
  file: { filename: string; sha256: string; lines: number; bytes: number } | null;
}

/** POST /payroll-runs/{id}/export/links: one short-lived link to the file, each logged. */
export interface ExportLinkResponse {
  url: string;
  expiresAt: string;
}

/** POST /payroll-runs/{id}/approvals. */
export interface ApprovalResponse {
  runId: string;
  status: RunStatus;
  approvals: number;
  approvalsNeeded: number;
  released: boolean;
  releasedAt: string | null;
}
