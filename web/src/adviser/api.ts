/** The adviser page's calls, typed from the API's response types (shared/contract/responses.ts). */
import type {
  AbsenceQueueResponse,
  DecisionDetailResponse,
  DecisionListResponse,
  ExplanationResponse,
  KioskCredentialIssuedResponse,
  KioskStatusResponse,
  MonthAttendanceResponse,
  ParticipantFileResponse,
  ParticipantListResponse,
  ReviewListResponse,
  SimulationResponse,
} from '../../../shared/contract/responses.js';
import type { LanguageResponse } from '../../../shared/contract/languages.js';
import { orNull, type Api } from '../lib/api.js';
import type { PresentInterval } from '../lib/corrections.js';

const p = (id: string): string => `/participants/${encodeURIComponent(id)}`;

export const adviserApi = (api: Api) => ({
  participants: () => api.get<ParticipantListResponse>('/participants'),
  pendingDocuments: () => api.get<AbsenceQueueResponse>('/absences?status=PENDING'),
  /** Both lists in one read: decisions that need a formal decision, and REVIEW decisions to look at. */
  reviews: () => api.get<ReviewListResponse>('/reviews?review=ALL'),
  file: (id: string) => api.get<ParticipantFileResponse>(p(id)),
  attendance: (id: string, month: string) => api.get<MonthAttendanceResponse & { participantId: string }>(`${p(id)}/attendance?month=${month}`),
  decisions: (id: string) => orNull(api.get<DecisionListResponse>(`${p(id)}/decisions`)),
  decision: (id: string, period: string) => orNull(api.get<DecisionDetailResponse>(`${p(id)}/decisions/${period}`)),
  explanation: (id: string, period: string, lang: string) => api.get<ExplanationResponse>(`${p(id)}/decisions/${period}/explanation?lang=${lang}`),
  kiosk: (id: string) => api.get<KioskStatusResponse>(`${p(id)}/kiosk-credential`),
  unlockKiosk: (id: string) => api.send<unknown>('DELETE', `${p(id)}/kiosk-credential/lock`),
  issueCard: (id: string, pin: string) => api.send<KioskCredentialIssuedResponse>('PUT', `${p(id)}/kiosk-credential`, { issueCard: true, pin }),
  decideAbsence: (absenceId: string, body: { decision: 'APPROVE' | 'REJECT'; expectedVersion: number; reason?: string; documentation?: 'DOCTOR_NOTE' }) =>
    api.send<unknown>('PATCH', `/absences/${encodeURIComponent(absenceId)}`, body),
  correctDay: (id: string, date: string, body: { present: PresentInterval[] | null; reason: string; expectedVersion: number }) => api.send<unknown>('PUT', `${p(id)}/attendance/${date}`, body),
  resolve: (id: string, period: string, body: { kind: 'FORMAL_DECISION'; version: number; vedtakReference: string; advanceNoticeDate: string }) =>
    api.send<unknown>('PUT', `/decisions/${encodeURIComponent(id)}/${period}/resolution`, body),
  markSeen: (id: string, period: string, version: number) => api.send<unknown>('PUT', `/decisions/${encodeURIComponent(id)}/${period}/seen`, { version }),
  setLanguage: (id: string, expectedVersion: number, language: string) => api.send<LanguageResponse>('PUT', `${p(id)}/language`, { expectedVersion, language }),
  simulate: (input: unknown) => api.send<SimulationResponse>('POST', '/simulations', input),
});

export type AdviserApi = ReturnType<typeof adviserApi>;
