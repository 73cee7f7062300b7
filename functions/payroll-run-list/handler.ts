/** GET /payroll-runs (payroll): the municipality's runs, newest month first (failed ones too: they explain a restart). */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import type { RunListResponse } from '../../shared/contract/responses.js';
import { runView } from '../../shared/features/payroll/run-view.js';
import { listRunsQuerySchema } from './schema.js';

export const handler = httpHandler({ fn: 'payroll-run-list', query: listRunsQuerySchema }, async ({ auth, query, deps }) => {
  const runs = await deps.payrollRuns.listRuns(auth.municipality, { limit: 120, ...(query.period === undefined ? {} : { period: query.period }) });
  return ok({ runs: runs.map((r) => runView(r)) } satisfies RunListResponse);
});
