/** The payroll page's calls, typed from shared/contract/responses.ts. Runs carry ids and amounts, no personal data. */
import type { ApprovalResponse, ExportJobResponse, ExportLinkResponse, RunDecisionsResponse, RunListResponse, RunViewResponse } from '../../../shared/contract/responses.js';
import type { Api } from '../lib/api.js';

const run = (id: string): string => `/payroll-runs/${encodeURIComponent(id)}`;

export const payrollApi = (api: Api) => ({
  runs: () => api.get<RunListResponse>('/payroll-runs'),
  run: (id: string) => api.get<RunViewResponse>(run(id)),
  start: (period: string) => api.send<RunViewResponse>('POST', '/payroll-runs', { period }),
  decisions: (id: string) => api.get<RunDecisionsResponse>(`${run(id)}/decisions`),
  approve: (id: string) => api.send<ApprovalResponse>('POST', `${run(id)}/approvals`),
  /** The export job: GET reads it; POST makes sure it runs (idempotent: an existing job is answered as it is). */
  exportJob: (id: string) => api.get<ExportJobResponse>(`${run(id)}/export`),
  startExport: (id: string) => api.send<ExportJobResponse>('POST', `${run(id)}/export`),
  /** A fresh short-lived link to the file, logged per download. */
  exportLink: (id: string) => api.send<ExportLinkResponse>('POST', `${run(id)}/export/links`),
});
