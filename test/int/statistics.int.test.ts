/**
 * The anonymised statistics on a seeded municipality (issue 12 item 4),
 * through the handler against DynamoDB Local: no ids anywhere, no published
 * count under 5, no relation that gives a hidden cell back, another
 * municipality's figures never mixed in, the CSV file, and the read on the
 * municipality's report chain.
 */
import { FixedClock } from '../../shared/adapters/clock.js';
import type { ComplaintFact } from '../../shared/domain/reports/complaint-facts.js';
import { relationLeak } from '../../shared/domain/reports/small-cell-suppression.js';
import { STATISTICS_COLUMNS, STATISTICS_RELATIONS } from '../../shared/domain/reports/statistics.js';
import { handler } from '../../functions/report-statistics/handler.js';
import type { Caller } from '../support/api-event.js';
import { apiEvent, lambdaContext, staffCaller } from '../support/api-event.js';
import { startApiDynamo, type ApiDynamo } from '../support/api-dynamo.js';
import { complaintReaderOf, seedReportMunicipality, type SeededMunicipality } from '../support/report-seed.js';

let db: ApiDynamo;
let seeded: SeededMunicipality;
const ADMIN = staffCaller('admin-ada', ['admin']);
const ADMIN_5002 = staffCaller('admin-5002', ['admin'], '5002');
const complaints: ComplaintFact[] = [
  ...['p-r1', 'p-r2', 'p-r3', 'p-r4', 'p-r5', 'p-r6'].map((pid, i): ComplaintFact => ({ complaintId: `s-${i}`, participantId: pid, decisionId: `${pid}.2026-10.v0001`, receivedOn: '2026-10-25', late: false, outcome: i === 0 ? 'UPHELD' : 'OPEN', outcomeOn: null })),
  { complaintId: 's-x', participantId: 'p-r-5002', decisionId: 'p-r-5002.2026-10.v0001', receivedOn: '2026-10-20', late: false, outcome: 'OPEN', outcomeOn: null },
];

const getStats = (caller: Caller, query: Record<string, string>) => db.call(handler, apiEvent({ method: 'GET', path: '/reports/statistics', caller, query }));

beforeAll(async () => {
  db = await startApiDynamo('stats', { clock: new FixedClock('2026-12-01T10:00:00Z'), complaintReader: complaintReaderOf(complaints, (pid) => (pid === 'p-r-5002' ? '5002' : '5001')) });
  seeded = await seedReportMunicipality(db.deps);
}, 120_000);

afterAll(async () => {
  await db?.stop();
});

type Month = { period: string; cells: Record<string, string | null> };

test('the seeded month: 7 participants, figures without ids, nothing under 5 people, nothing recoverable', async () => {
  const r = await getStats(ADMIN, { from: '2026-09', to: '2026-10' });
  expect(r.status).toBe(200);
  const months = r.body.months as Month[];
  expect(months.map((m) => m.period)).toEqual(['2026-09', '2026-10']);
  const oct = months[1]!.cells;
  expect(oct.participants).toBe('7');
  expect(Number(oct.attendance_rate_percent)).toBeGreaterThan(50);
  for (const id of [...seeded.people.map((p) => p.participantId), 'p-r-5002', ...seeded.decisions.map((d) => d.decisionId), 's-0']) expect(r.raw).not.toContain(id);
  for (const p of seeded.people) expect(r.raw).not.toContain(p.nationalId);
  // Counts: 0 or at least 5.
  for (const c of STATISTICS_COLUMNS.filter((c) => c === 'participants' || c.startsWith('decisions_') || c.startsWith('complaints'))) {
    const v = oct[c];
    expect({ c, ok: v === null || Number(v) === 0 || Number(v) >= 5 }).toEqual({ c, ok: true });
  }
  const values = Object.fromEntries(Object.entries(oct).map(([k, v]) => [k, v === null ? 0 : Number(v)]));
  const hidden = new Set(Object.entries(oct).flatMap(([k, v]) => (v === null ? [k] : [])));
  for (const rel of STATISTICS_RELATIONS) expect(relationLeak(values, hidden, rel)).toBeUndefined();
  // Six complaints, one upheld: the upheld one and the open ones are hidden, the total is not.
  expect([oct.complaints, oct.complaints_upheld, oct.complaints_open]).toEqual(['6', null, null]);
  expect(months[0]!.cells.participants).toBe('0');
});

test('municipality 5002 (one participant): every cell hidden; 5001 figures never in it', async () => {
  const r = await getStats(ADMIN_5002, { from: '2026-10', to: '2026-10' });
  expect(r.status).toBe(200);
  expect(Object.values((r.body.months as Month[])[0]!.cells).every((v) => v === null)).toBe(true);
});

test('CSV: header, one line per month, ":" for a hidden cell; the read is on the municipality’s report chain', async () => {
  const res = await handler.withDeps(db.deps)(apiEvent({ method: 'GET', path: '/reports/statistics', caller: ADMIN, query: { from: '2026-10', to: '2026-10', format: 'csv' } }), lambdaContext);
  expect(res.statusCode).toBe(200);
  expect(res.headers?.['content-type']).toBe('text/csv; charset=utf-8');
  const lines = String(res.body).split('\r\n').filter((l) => l !== '');
  expect(lines[0]).toBe(['month', ...STATISTICS_COLUMNS].join(','));
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^2026-10,7,/);
  expect(lines[1]).toContain(':');
  const chain = await db.deps.audit.list('REPORTS#5001');
  expect(chain.filter((e) => e.purpose === 'statistics').length).toBeGreaterThanOrEqual(2);
});

test('a period over 12 months or backwards is refused', async () => {
  expect((await getStats(ADMIN, { from: '2025-01', to: '2026-10' })).body.code).toBe('VALIDATION_FAILED');
  expect((await getStats(ADMIN, { from: '2026-10', to: '2026-09' })).body.code).toBe('VALIDATION_FAILED');
});
