/** The participant page's calls: only the signed-in participant's own data (/me/…), typed from shared/contract/responses.ts. */
import type { AbsenceReportResponse, AccessLogResponse, DecisionDetailResponse, DecisionListResponse, ExplanationResponse, MonthAttendanceResponse } from '../../../shared/contract/responses.js';
import type { LanguageResponse } from '../../../shared/contract/languages.js';
import { orNull, type Api } from '../lib/api.js';

export interface AbsenceReport {
  requestId: string;
  category: string;
  date: string;
  wholeDay?: true;
  minutes?: number;
  documentation: string;
}

export const participantApi = (api: Api) => ({
  attendance: (month: string) => api.get<MonthAttendanceResponse>(`/me/attendance?month=${month}`),
  decisions: () => orNull(api.get<DecisionListResponse>('/me/decisions')),
  decision: (period: string) => orNull(api.get<DecisionDetailResponse>(`/me/decisions/${period}`)),
  explanation: (period: string, lang: string) => api.get<ExplanationResponse>(`/me/decisions/${period}/explanation?lang=${lang}`),
  accessLog: () => api.get<AccessLogResponse>('/me/access-log'),
  report: (body: AbsenceReport) => api.send<AbsenceReportResponse>('POST', '/absences', body),
  dataExport: () => api.raw('/me/data-export'),
  language: () => api.get<LanguageResponse>('/me/language'),
  setLanguage: (language: string) => api.send<LanguageResponse>('PUT', '/me/language', { language }),
});

export type ParticipantApi = ReturnType<typeof participantApi>;
