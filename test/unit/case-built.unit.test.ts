/**
 * Cases the system builds itself skip the zod parse (case.ts `caseOf`): the
 * hand-made checks must accept exactly what the schema accepts and give the
 * same case, byte for byte, defaults included; whatever they reject goes
 * through parseCase, so the errors are the schema's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { caseArbitrary } from '../support/case-arbitrary.js';
import { GOLDEN_DIR } from '../support/paths.js';
import { caseOf, checkedByHand, parseCase } from '../../shared/domain/case.js';
import type { CaseInput } from '../../shared/domain/case.js';

const golden = readdirSync(GOLDEN_DIR)
  .filter((f) => f.endsWith('.case.json'))
  .map((f) => JSON.parse(readFileSync(join(GOLDEN_DIR, f), 'utf8')) as CaseInput);
const generated = fc.sample(caseArbitrary, { numRuns: 300, seed: 20261205 });

/** A golden case with every default left out and one with every optional field stated. */
const base = golden[0]!;
const sparse = (() => {
  const c = structuredClone(base) as Record<string, unknown> & CaseInput;
  const p = c.participant as Record<string, unknown>;
  for (const k of ['regime', 'livesWithParent', 'coupleReduction', 'children', 'soleCarer', 'unpaidLeave']) delete p[k];
  delete (c as Record<string, unknown>).history;
  delete (c.municipality as Record<string, unknown>).policy;
  return c;
})();
const full = (() => {
  const c = structuredClone(base);
  c.municipality = { code: '0301', policy: { deductionUnit: 'DAILY', proration: 'P3', pending: 'PAY', documentationDeadlineDays: 14, welfareLeaveDaysPer12Months: 10 } };
  c.participant.unpaidLeave = [{ from: `${c.period}-03`, to: `${c.period}-04` }];
  c.history = { absences: [{ date: '2025-03-03', minutes: 60, category: 'OWN_ILLNESS', documentation: 'SELF_CERTIFICATION', status: 'APPROVED' }] };
  return c;
})();

test('every valid case: the hand checks give what the schema gives, byte for byte', () => {
  const valid = [...golden, ...generated, sparse, full];
  for (const c of valid) {
    const byHand = checkedByHand(c);
    expect(byHand).toBeDefined();
    expect(JSON.stringify(byHand)).toBe(JSON.stringify(parseCase(c)));
    expect(JSON.stringify(caseOf(c))).toBe(JSON.stringify(parseCase(c)));
  }
});

// The mutations write values of the wrong type on purpose: the case is untyped here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
type Mutation = [string, (c: Loose) => void];
const absence = { date: '', minutes: 60, category: 'OWN_ILLNESS', documentation: 'NONE', status: 'APPROVED' };
const inPeriod = (c: Loose) => `${c.period}-05`;

/** Each breaks one rule of the schema. */
const broken: Mutation[] = [
  ['unknown top-level field', (c) => (c.extra = 1)],
  ['caseVersion 2', (c) => (c.caseVersion = 2)],
  ['period month 13', (c) => (c.period = '2026-13')],
  ['period not a string', (c) => (c.period = 202610)],
  ['computedAt not a date', (c) => (c.computedAt = '2026-02-30')],
  ['municipality not an object', (c) => (c.municipality = 'x')],
  ['municipality unknown field', (c) => (c.municipality.extra = 1)],
  ['municipality code three digits', (c) => (c.municipality.code = '123')],
  ['municipality code a number', (c) => (c.municipality.code = 5001)],
  ['policy unknown field', (c) => (c.municipality.policy = { extra: 1 })],
  ['policy deduction unit', (c) => (c.municipality.policy = { deductionUnit: 'WEEKLY' })],
  ['policy proration', (c) => (c.municipality.policy = { proration: 'P2' })],
  ['policy pending', (c) => (c.municipality.policy = { pending: 'MAYBE' })],
  ['policy deadline too long', (c) => (c.municipality.policy = { documentationDeadlineDays: 366 })],
  ['policy deadline null', (c) => (c.municipality.policy = { documentationDeadlineDays: null })],
  ['policy welfare cap too high', (c) => (c.municipality.policy = { welfareLeaveDaysPer12Months: 367 })],
  ['policy welfare cap fraction', (c) => (c.municipality.policy = { welfareLeaveDaysPer12Months: 1.5 })],
  ['participant unknown field', (c) => (c.participant.name = 'x')],
  ['participant missing', (c) => delete c.participant],
  ['participant id empty', (c) => (c.participant.id = '')],
  ['participant id too long', (c) => (c.participant.id = 'x'.repeat(65))],
  ['participant id a number', (c) => (c.participant.id = 7)],
  ['birthDate not a date', (c) => (c.participant.birthDate = '1990-02-30')],
  ['birthDate after the period', (c) => (c.participant.birthDate = '2099-01-01')],
  ['regime null (no default for null)', (c) => (c.participant.regime = null)],
  ['regime unknown', (c) => (c.participant.regime = 'x')],
  ['livesWithParent a string', (c) => (c.participant.livesWithParent = 'yes')],
  ['coupleReduction a number', (c) => (c.participant.coupleReduction = 1)],
  ['children 31', (c) => (c.participant.children = 31)],
  ['children negative', (c) => (c.participant.children = -1)],
  ['soleCarer null', (c) => (c.participant.soleCarer = null)],
  ['programStart not a date', (c) => (c.participant.programStart = 'soon')],
  ['enrolments not a list', (c) => (c.participant.enrolments = {})],
  ['51 enrolments', (c) => (c.participant.enrolments = Array.from({ length: 51 }, () => ({ from: '2025-01-01', to: null })))],
  ['enrolment unknown field', (c) => (c.participant.enrolments[0].extra = 1)],
  ['enrolment from not a date', (c) => (c.participant.enrolments[0].from = '2025-13-01')],
  ['enrolment to not a date', (c) => (c.participant.enrolments[0].to = 'later')],
  ['enrolment ends before it starts', (c) => (c.participant.enrolments[0] = { from: '2025-09-01', to: '2025-08-31' })],
  ['401 unpaid leaves', (c) => (c.participant.unpaidLeave = Array.from({ length: 401 }, () => ({ from: '2025-01-01', to: null })))],
  ['days not a list', (c) => (c.days = null)],
  ['32 days', (c) => (c.days = Array.from({ length: 32 }, (_, i) => ({ date: `${c.period}-${String((i % 28) + 1).padStart(2, '0')}`, plannedMinutes: 60, presentMinutes: 0 })))],
  ['day unknown field', (c) => (c.days[0].extra = 1)],
  ['day not a date', (c) => (c.days[0].date = '2026-10-32')],
  ['day before the period', (c) => (c.days[0].date = '2000-01-03')],
  ['day after the period', (c) => (c.days[0].date = '2099-01-03')],
  ['day listed twice', (c) => (c.days[1].date = c.days[0].date)],
  ['day planned 0', (c) => (c.days[0].plannedMinutes = 0)],
  ['day present 1441', (c) => (c.days[0].presentMinutes = 1441)],
  ['day present a fraction', (c) => (c.days[0].presentMinutes = 1.5)],
  ['absences not a list', (c) => (c.absences = 'none')],
  ['501 absences', (c) => (c.absences = Array.from({ length: 501 }, () => ({ ...absence, date: inPeriod(c) })))],
  ['absence unknown field', (c) => (c.absences = [{ ...absence, date: inPeriod(c), note: 'x' }])],
  ['absence not a date', (c) => (c.absences = [{ ...absence, date: 'x' }])],
  ['absence before the period', (c) => (c.absences = [{ ...absence, date: '2000-01-03' }])],
  ['absence after the period', (c) => (c.absences = [{ ...absence, date: '2099-01-03' }])],
  ['absence 0 minutes', (c) => (c.absences = [{ ...absence, date: inPeriod(c), minutes: 0 }])],
  ['absence 1441 minutes', (c) => (c.absences = [{ ...absence, date: inPeriod(c), minutes: 1441 }])],
  ['absence category', (c) => (c.absences = [{ ...absence, date: inPeriod(c), category: 'HOLIDAY' }])],
  ['absence documentation', (c) => (c.absences = [{ ...absence, date: inPeriod(c), documentation: 'EMAIL' }])],
  ['absence status', (c) => (c.absences = [{ ...absence, date: inPeriod(c), status: 'OK' }])],
  ['history unknown field', (c) => (c.history = { absences: [], extra: 1 })],
  ['history null', (c) => (c.history = null)],
  ['history absence in the period', (c) => (c.history = { absences: [{ ...absence, date: inPeriod(c) }] })],
  ['history 5001 absences', (c) => (c.history = { absences: Array.from({ length: 5001 }, () => ({ ...absence, date: '2020-01-06' })) })],
];

test.each(broken)('%s: rejected by hand, and caseOf throws the schema’s error', (_name, mutate) => {
  for (const start of [sparse, full]) {
    const c = structuredClone(start);
    mutate(c);
    expect(checkedByHand(c)).toBeUndefined();
    let schemaError: unknown;
    try {
      parseCase(c);
    } catch (e) {
      schemaError = e;
    }
    expect(schemaError).toBeDefined();
    expect(() => caseOf(c)).toThrow((schemaError as Error).message);
  }
});

test.each([
  ['null', null],
  ['a list', []],
  ['a string', 'case'],
])('input %s: rejected by hand and by the schema', (_name, input) => {
  expect(checkedByHand(input)).toBeUndefined();
  expect(() => caseOf(input as unknown as CaseInput)).toThrow();
});

test('a welfare cap of null and an open enrolment are values, not defaults', () => {
  const c = structuredClone(full);
  c.municipality.policy = { welfareLeaveDaysPer12Months: null };
  expect(JSON.stringify(checkedByHand(c))).toBe(JSON.stringify(parseCase(c)));
});
