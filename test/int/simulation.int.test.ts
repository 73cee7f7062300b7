/**
 * What-if (POST /simulations, architecture.md flow 7) over HTTP against the
 * local system: the engine on a posted case gives exactly the decision of
 * `npm run simulate` (every golden case, with its expected amounts), with
 * the explanation layers in nb and en; a bad case is 400 naming each field
 * (case-format.md: strict, unknown fields rejected); nothing is read or
 * stored; advisers only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableKey } from '../../shared/contract/tables.js';
import { TABLES } from '../../shared/contract/tables.js';
import { simulate } from '../../shared/domain/engine.js';
import { LAYER_ORDER } from '../../shared/domain/explanation/render.js';
import { GOLDEN_DIR } from '../support/paths.js';
import { participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
let adviser: string;

const GOLDEN = readdirSync(GOLDEN_DIR)
  .filter((f) => f.endsWith('.case.json'))
  .map((f) => f.replace('.case.json', ''))
  .sort();
const read = (name: string, kind: 'case' | 'expected') => JSON.parse(readFileSync(join(GOLDEN_DIR, `${name}.${kind}.json`), 'utf8')) as Record<string, unknown>;
const post = (body: unknown, token = adviser) => sys.http('POST', '/simulations', { token, body });
const counts = async () => Promise.all(TABLES.map((t) => sys.count(t.key as TableKey)));

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-11-10T09:00:00Z' });
  adviser = await sys.tokenFor(staff('adviser-sim', ['adviser']));
}, 120_000);

afterAll(() => sys?.stop());

test('there are golden cases to run', () => {
  expect(GOLDEN.length).toBeGreaterThanOrEqual(12);
});

test.each(GOLDEN)('%s: the decision of the engine, with the expected amounts, and the layers in nb and en; nothing stored', async (name) => {
  const before = await counts();
  const input = read(name, 'case');
  const r = await post(input);
  expect(r.status).toBe(200);
  const body = r.body as { decision: Record<string, unknown>; layers: Record<string, { name: string; lines: string[] }[]> };
  expect(body.decision).toEqual(JSON.parse(JSON.stringify(simulate(input))));
  const expected = read(name, 'expected');
  expect(body.decision).toMatchObject({ baseOre: expected.baseOre, deductionOre: expected.deductionOre, payoutOre: expected.payoutOre, review: expected.review });
  for (const lang of ['nb', 'en']) {
    expect(body.layers[lang]!.map((l) => l.name)).toEqual([...LAYER_ORDER]);
    expect((body.decision.explanation as Record<string, string>)[lang]).toContain(body.layers[lang]![0]!.lines[0]!);
  }
  expect(await counts()).toEqual(before);
});

test('what-if: the same case with one change gives the changed result', async () => {
  const input = read('g02-unexcused-half-day', 'case') as { days: { presentMinutes: number; plannedMinutes: number }[] };
  const full = { ...input, days: input.days.map((d) => ({ ...d, presentMinutes: d.plannedMinutes })) };
  const r = await post(full);
  expect(r.body).toMatchObject({ decision: { deductionOre: 0, lines: [] } });
});

describe('a bad case is 400 with every field named, and nothing stored', () => {
  test.each<[string, (c: Record<string, unknown>) => unknown, string, string[]]>([
    ['a missing field', ({ participant: p, ...c }) => ({ ...c, participant: { ...(p as object), birthDate: undefined } }), 'INVALID_CASE', ['body.participant.birthDate']],
    ['an unknown field', (c) => ({ ...c, participant: { ...(c.participant as object), name: 'Zelmira' } }), 'INVALID_CASE', ['body.participant.name']],
    ['a wrong type and a bad date', (c) => ({ ...c, caseVersion: 2, computedAt: '2026-02-30' }), 'INVALID_CASE', ['body.caseVersion', 'body.computedAt']],
    ['an absence outside the period', (c) => ({ ...c, absences: [{ date: '2026-09-30', minutes: 60, category: 'OWN_ILLNESS', documentation: 'NONE', status: 'APPROVED' }] }), 'INVALID_CASE', ['body.absences[0].date']],
    ['a month before the dated values (no G, no rates)', (c) => ({ ...c, period: '1990-10', days: [], computedAt: '1990-11-02', participant: { ...(c.participant as object), birthDate: '1960-01-01', programStart: '1990-01-01', enrolments: [{ from: '1990-01-01', to: null }] } }), 'PARAMETER_MISSING', ['body.period']],
  ])('%s', async (_name, change, code, paths) => {
    const before = await counts();
    const r = await post(change(read('g01-full-attendance', 'case')));
    expect(r.status).toBe(400);
    expect(r.body?.code).toBe(code);
    expect((r.body!.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(paths);
    expect(r.raw).not.toContain('Zelmira');
    expect(await counts()).toEqual(before);
  });

  test('not an object, not JSON, too large', async () => {
    expect((await post([1, 2])).body).toMatchObject({ code: 'INVALID_CASE', issues: [{ path: 'body' }] });
    const proto = await sys.http('POST', '/simulations', { token: adviser, rawBody: `{"__proto__": ${JSON.stringify(read('g01-full-attendance', 'case'))}}`, headers: { 'content-type': 'application/json' } });
    expect(proto.status).toBe(400);
    expect(proto.body).toMatchObject({ code: 'INVALID_CASE' });
    expect((proto.body!.issues as { path: string }[]).map((i) => i.path)).toContain('body.__proto__');
    expect((await sys.http('POST', '/simulations', { token: adviser, rawBody: '{"caseVersion":', headers: { 'content-type': 'application/json' } })).body).toMatchObject({ code: 'MALFORMED_JSON' });
    const huge = { ...read('g01-full-attendance', 'case'), history: { absences: Array.from({ length: 1500 }, () => ({ date: '2026-01-05', minutes: 450, category: 'OWN_ILLNESS', documentation: 'SELF_CERTIFICATION', status: 'APPROVED' })) } };
    expect((await post(huge)).status).toBe(413);
  });
});

test('advisers only', async () => {
  const input = read('g01-full-attendance', 'case');
  for (const token of [await sys.tokenFor(participant('p-0001')), await sys.tokenFor(staff('pay', ['payroll']))]) {
    const r = await post(input, token);
    expect([r.status, r.body?.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  }
});
