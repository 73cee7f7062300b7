/**
 * GET /reports/statistics?from=YYYY-MM&to=YYYY-MM[&format=csv] (admin,
 * payroll, adviser): the caller's municipality's anonymised statistics per
 * month (shared/domain/reports/statistics.ts): no ids, small cells
 * suppressed. The read of the municipality's decisions behind them is one
 * entry on the municipality's report chain (`REPORTS#<municipality>`); no
 * participant's access log gets one, since no participant's data is shown.
 */
import { stringify } from 'csv-stringify/sync';
import { recordAudited } from '../../shared/adapters/decision-reviews-repo.js';
import type { CalendarDay } from '../../shared/domain/decision.js';
import { lastDayOfMonth } from '../../shared/domain/reports/nir-deadline.js';
import { monthStatistics, statisticsRecords } from '../../shared/domain/reports/statistics.js';
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { fileResponse, reportFile } from '../../shared/features/reports/file-response.js';
import { reportQuerySchema } from '../../shared/features/reports/schema.js';

const ROUTE = routeOf('report-statistics');

export const reportChain = (municipality: string) => `REPORTS#${municipality}`;

export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); `${y}-${String(m).padStart(2, '0')}` <= to; m === 12 ? ((m = 1), y++) : m++) out.push(`${y}-${String(m).padStart(2, '0')}`);
  return out;
}

export const handler = httpHandler({ fn: 'report-statistics', query: reportQuerySchema, use: [fileResponse()] }, async ({ auth, query, deps, log }) => {
  await recordAudited(deps.audit, { participantId: reportChain(auth.municipality), at: deps.clock.now().toISOString(), actorRef: auth.actorRef, actorRole: auth.role, action: 'READ', purpose: 'statistics', route: `${ROUTE.method} ${ROUTE.path}` });
  const complaints = await deps.complaintReader.listForMunicipality(auth.municipality, `${query.from}-01`, lastDayOfMonth(query.to));
  const months = await Promise.all(
    monthsOf(query.from, query.to).map(async (period) => {
      const decisions = await deps.decisions.listLatestForMonth(auth.municipality, period);
      return monthStatistics({
        period,
        decisions: decisions.map((d) => ({ calendar: (d.decision.calendar ?? []) as CalendarDay[], deductionOre: Number(d.decision.deductionOre ?? 0), review: d.review ?? 'AUTOMATIC' })),
        complaints: complaints.filter((c) => c.receivedOn.slice(0, 7) === period).map((c) => c.outcome),
      });
    }),
  );
  log.append({ months: months.length });
  if (query.format !== 'csv') return ok({ municipality: auth.municipality, months });
  const csv = stringify(statisticsRecords(months), { record_delimiter: 'windows' });
  return ok(reportFile(`statistics-${auth.municipality}-${query.from}-${query.to}.csv`, 'text/csv; charset=utf-8', csv, months.length));
});
