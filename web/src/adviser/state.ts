/** What the adviser page holds while it is open (in memory only: every read is a staff read, access-logged by the API). */
import type {
  AbsenceQueueResponse,
  DecisionDetailResponse,
  DecisionSummary,
  ExplanationResponse,
  KioskStatusResponse,
  MonthAttendanceResponse,
  ParticipantFileResponse,
  ParticipantListItem,
  ReviewEntry,
  SimulationResponse,
} from '../../../shared/contract/responses.js';
import { osloToday } from '../lib/format.js';
import type { WhatIfChange } from './whatif.js';

/** `rights`: correction requests and complaints, drawn by ./rights.ts. */
export type Tab = 'participants' | 'documents' | 'reviews' | 'rights';
export const TABS: readonly Tab[] = ['participants', 'documents', 'reviews', 'rights'];
export type QueueItem = AbsenceQueueResponse['items'][number];

export interface State {
  tab: Tab;
  participants: ParticipantListItem[] | undefined;
  queue: QueueItem[] | undefined;
  reviews: ReviewEntry[] | undefined;
  selected: string | undefined;
  month: string;
  file: ParticipantFileResponse | undefined;
  attendance: MonthAttendanceResponse | undefined;
  decisions: DecisionSummary[] | undefined;
  /** The shown month's decision (with its case), null when the month has none. */
  detail: DecisionDetailResponse | null | undefined;
  kiosk: KioskStatusResponse | undefined;
  issuedCard: string | undefined;
  explanation: ExplanationResponse | undefined;
  whatif: { changes: WhatIfChange[]; result?: SimulationResponse; issues: { path: string; message: string }[] };
  /** Field errors of the document forms, by absence id. */
  reasonError: Record<string, string>;
}

export const initialState = (): State => ({
  tab: 'participants',
  participants: undefined,
  queue: undefined,
  reviews: undefined,
  selected: undefined,
  month: osloToday().slice(0, 7),
  file: undefined,
  attendance: undefined,
  decisions: undefined,
  detail: undefined,
  kiosk: undefined,
  issuedCard: undefined,
  explanation: undefined,
  whatif: { changes: [], issues: [] },
  reasonError: {},
});
