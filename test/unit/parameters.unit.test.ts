/**
 * Parameters dated per value (issue 10 item 5, like OpenFisca's): each value
 * has a date, a source and its own last-verified date; a lookup by date; the
 * decision names the values it used, and a decision stored before the values
 * were dated is still read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseError, parseCase } from '../../shared/domain/case.js';
import { decideCore, simulate } from '../../shared/domain/engine.js';
import type { Parameter } from '../../shared/domain/rules/parameters.js';
import { CHILD_ILLNESS, FACTORS, GROUP_PARAMETERS, PARAMETERS, parametersOn, RATES, SELF_CERTIFICATION, valueOn } from '../../shared/domain/rules/parameters.js';
import { datedValue, parameterValuesOf, RULESET_VERSION, rulesetFor } from '../../shared/domain/ruleset.js';
import { baseCase } from '../support/case-builder.js';
import { GOLDEN_DIR } from '../support/paths.js';

const ALL = [PARAMETERS.g, ...GROUP_PARAMETERS] as Parameter<unknown>[];

describe('dated values', () => {
  test('every value has an id <parameter>@<from>, a source, its own last-verified date; dates ascend within a parameter', () => {
    const ids = new Set<string>();
    for (const p of ALL) {
      expect(p.values.length).toBeGreaterThan(0);
      p.values.forEach((v, i) => {
        expect(v.id).toBe(`${p.name}@${v.from}`);
        expect(v.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(v.lastVerified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(v.source.text.length).toBeGreaterThan(10);
        if (v.source.url !== undefined) expect(v.source.url).toMatch(/^https:\/\/(lovdata\.no|www\.imdi\.no|www\.nav\.no)\//);
        if (i > 0) expect(v.from > p.values[i - 1]!.from).toBe(true);
        expect(ids.has(v.id)).toBe(false);
        ids.add(v.id);
      });
    }
    expect(ids.size).toBeGreaterThanOrEqual(29);
  });

  test('a lookup by date: the value in force is the last one whose date is on or before it, none before the first', () => {
    const source = { text: 'a test parameter with two values' };
    const p: Parameter<number> = {
      name: 'test.quota',
      values: [
        { id: 'test.quota@2021-01-01', from: '2021-01-01', value: 4, source, lastVerified: '2026-11-24' },
        { id: 'test.quota@2027-01-01', from: '2027-01-01', value: 5, source, lastVerified: '2026-12-05' },
      ],
    };
    expect(valueOn(p, '2020-12-31')).toBeNull();
    expect(valueOn(p, '2021-01-01')!.value).toBe(4);
    expect(valueOn(p, '2026-12-31')!.value).toBe(4);
    expect(valueOn(p, '2027-01-01')).toMatchObject({ value: 5, id: 'test.quota@2027-01-01', lastVerified: '2026-12-05' });
    expect(valueOn(PARAMETERS.g, '2024-04-30')!.value).toBe(11_862_000);
    expect(valueOn(PARAMETERS.g, '2024-05-01')!.value).toBe(12_402_800);
  });

  test('the values in force on a date, or the parameters that have none yet', () => {
    const on = parametersOn('2026-10-01');
    expect('values' in on && on.values.selfCertification.episodesPer12Months).toBe(4);
    expect('values' in on && on.values.review.vedtakShareOfG).toEqual([1, 12]);
    expect('values' in on && on.ids).toContain('factors.couple@2021-01-01');
    const early = parametersOn('2020-12-31');
    // introduksjonsloven's factor was in force; integreringsloven's values were not.
    expect('missing' in early && early.missing).toContain('rates.annualGMultiple');
    expect('missing' in early && early.missing).not.toContain('factors.under25OldRegime');
  });

  test('the renderer\'s values are the latest dated value of each parameter', () => {
    expect(RATES.annualGMultiple).toBe(PARAMETERS.rates.annualGMultiple.values.at(-1));
    expect(FACTORS.couple.value).toEqual([5, 6]);
    expect(SELF_CERTIFICATION.waitingDays.value).toBe(56);
    expect(CHILD_ILLNESS.doctorNoteFromDay.value).toBe(4);
  });
});

describe('the rule set of a decision', () => {
  test('a decision names the dated values in force for its month: its G and every other parameter', () => {
    const d = decideCore(parseCase(baseCase()));
    expect(d.rulesetVersion).toBe(RULESET_VERSION);
    expect(d.parameterValues![0]).toBe('g@2026-05-01');
    expect(d.parameterValues).toHaveLength(GROUP_PARAMETERS.length + 1);
    for (const id of d.parameterValues!) expect([id, datedValue(id)?.id]).toEqual([id, id]);
    const april = decideCore(parseCase(baseCase({ period: '2026-04', days: [], computedAt: '2026-05-02' })));
    expect(april.parameterValues![0]).toBe('g@2025-05-01');
  });

  test('an unknown id names no value', () => {
    expect(datedValue('g@1999-05-01')).toBeUndefined();
  });

  test('a month before a parameter is in force is an input error naming the parameters; before the first G, G_MISSING', () => {
    expect(() => rulesetFor('2020-06', '2020-06-01')).toThrow(CaseError);
    try {
      rulesetFor('2020-06', '2020-06-01');
    } catch (e) {
      expect((e as CaseError).code).toBe('PARAMETER_MISSING');
      expect((e as CaseError).issues[0]!.message).toContain('rates.annualGMultiple');
    }
    expect(() => rulesetFor('2022-04', '2022-04-01')).toThrow(expect.objectContaining({ code: 'G_MISSING' }));
  });

  test('a decision stored before the values were dated (no parameterValues) reads as the values it used then', () => {
    for (const f of ['g01-full-attendance.case.json', 'g05-under-25.case.json']) {
      const d = simulate(JSON.parse(readFileSync(join(GOLDEN_DIR, f), 'utf8')));
      const { parameterValues, ...stored } = d;
      expect(parameterValuesOf(stored)).toEqual(parameterValues);
      expect(parameterValuesOf(d)).toEqual(parameterValues);
    }
  });
});
