/** GET /reports/nir (admin, payroll, adviser): the NIR report of the caller's municipality for a period, as JSON or as the CSV file (docs/nir-report.md). */
import { stringify } from 'csv-stringify/sync';
import { NIR_COLUMNS, nirRecord } from '../../shared/domain/reports/nir-csv.js';
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { fileResponse, reportFile } from '../../shared/features/reports/file-response.js';
import { buildNirReport, recordReportReads } from '../../shared/features/reports/nir-inputs.js';
import { reportQuerySchema } from '../../shared/features/reports/schema.js';

const ROUTE = routeOf('report-nir');
export const PURPOSE = 'nir-report';

export const handler = httpHandler({ fn: 'report-nir', query: reportQuerySchema, use: [fileResponse()] }, async ({ auth, query, deps, log }) => {
  const report = await buildNirReport(deps, auth, query.from, query.to);
  await recordReportReads(deps, auth, report.rows.map((r) => r.participantId), PURPOSE, `${ROUTE.method} ${ROUTE.path}`);
  log.append({ rows: report.rows.length, due: report.due.length });
  if (query.format !== 'csv') return ok(report);
  // RFC 4180 with a header line and CRLF line ends; UTF-8 without a byte-order mark.
  const csv = stringify([[...NIR_COLUMNS], ...report.rows.map(nirRecord)], { record_delimiter: 'windows' });
  return ok(reportFile(`nir-${auth.municipality}-${query.from}-${query.to}.csv`, 'text/csv; charset=utf-8', csv, report.rows.length));
});
