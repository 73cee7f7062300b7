import { parseCase } from '../../shared/domain/case.js';
import { decideCore } from '../../shared/domain/engine.js';
import type { Correction } from '../../shared/domain/payroll/correction.js';
import { decideMonth, effectiveReview, enrolledInMonth, monthsBefore } from '../../shared/domain/payroll/participant-month.js';
import { LANGUAGES, renderExplanation } from '../../shared/domain/explanation/render.js';
import { baseContext } from '../../shared/domain/payroll/explanation-versions.js';
import { absentOn, baseCase } from '../support/case-builder.js';

describe('which version a payroll run writes for a participant month (R5, benefit-rules.md §8)', () => {
  const full = (at: string) => parseCase(baseCase({ computedAt: at }));
  const absent = (at: string) => parseCase({ ...absentOn(baseCase(), ['2026-10-12']), computedAt: at });
  const first = decideMonth(undefined, full, '2026-11-02');

  test('no previous version: version 1 with explanations in every language', () => {
    expect(first.kind).toBe('FIRST');
    if (first.kind !== 'FIRST') return;
    expect(first.version).toBe(1);
    expect(first.decision).toMatchObject(decideCore(full('2026-11-02')));
    expect(Object.keys(first.decision.explanation).sort()).toEqual(['ar', 'en', 'nb', 'uk']);
  });

  const previous = first.kind === 'FIRST' ? { decisionId: 'p.2026-10.v0001', version: 1, inputHash: first.decision.inputHash, computedAt: '2026-11-02', decision: first.decision } : undefined;

  test('the same inputs on a later day are unchanged: nothing to write', () => {
    expect(decideMonth(previous, full, '2026-12-01')).toEqual({ kind: 'UNCHANGED' });
  });

  test('changed inputs: the next version supersedes with the per-day difference, stamped now', () => {
    const next = decideMonth(previous, absent, '2026-12-01');
    expect(next.kind).toBe('CORRECTION');
    if (next.kind !== 'CORRECTION') return;
    expect(next).toMatchObject({ version: 2, supersedes: 'p.2026-10.v0001', correction: { reason: 'CHECKIN_CORRECTED', route: 'ADVISER_DECISION' } });
    expect(next.input.computedAt).toBe('2026-12-01');
    expect(next.correction.days.map((d) => d.date)).toEqual(['2026-10-12']);
    expect(next.decision.explanation.en).not.toEqual(first.kind === 'FIRST' ? first.decision.explanation.en : '');
  });
});

describe('the adviser and the complaint address in the text (issue 11): stored beside it, no input of the decision', () => {
  const full = (at: string) => parseCase(baseCase({ computedAt: at }));
  const absent = (at: string) => parseCase({ ...absentOn(baseCase(), ['2026-10-12']), computedAt: at });
  const contact = { adviserName: 'Kari Nordmann', complaintAddress: 'Introsenteret, Postboks 1, 7001 Demoby' };

  test('version 1 names both in every language and carries what it was rendered with; baseContext renders it again byte for byte', () => {
    const first = decideMonth(undefined, full, '2026-11-02', undefined, contact);
    if (first.kind !== 'FIRST') throw new Error('expected FIRST');
    expect(first.contact).toEqual(contact);
    const stored = { decisionId: 'p.2026-10.v0001', period: '2026-10', version: 1, contact: first.contact };
    for (const lang of LANGUAGES) {
      expect(first.decision.explanation[lang]).toContain(contact.adviserName);
      expect(first.decision.explanation[lang]).toContain(contact.complaintAddress);
      expect(renderExplanation(first.decision, lang, baseContext(stored))).toBe(first.decision.explanation[lang]);
    }
    // Without a contact: nothing stored, and the text is the one rendered with no context.
    const plain = decideMonth(undefined, full, '2026-11-02', undefined, {});
    expect(plain).not.toHaveProperty('contact');
    expect(plain.kind === 'FIRST' && plain.decision.explanation.nb).toBe(renderExplanation(decideCore(full('2026-11-02')), 'nb'));
    // Only what is set is stored: the address alone.
    const addressOnly = decideMonth(undefined, full, '2026-11-02', undefined, { complaintAddress: contact.complaintAddress });
    expect(addressOnly.kind === 'FIRST' && addressOnly.contact).toEqual({ complaintAddress: contact.complaintAddress });
  });

  test('a new adviser alone is no new version; a correction names the contact beside its correction layer', () => {
    const first = decideMonth(undefined, full, '2026-11-02');
    if (first.kind !== 'FIRST') throw new Error('expected FIRST');
    const previous = { decisionId: 'p.2026-10.v0001', version: 1, inputHash: first.decision.inputHash, computedAt: '2026-11-02', decision: first.decision };
    expect(decideMonth(previous, full, '2026-12-01', undefined, contact)).toEqual({ kind: 'UNCHANGED' });
    const next = decideMonth(previous, absent, '2026-12-01', undefined, contact);
    if (next.kind !== 'CORRECTION') throw new Error('expected CORRECTION');
    expect(next.contact).toEqual(contact);
    const stored = { decisionId: 'p.2026-10.v0002', period: '2026-10', version: 2, supersedes: previous.decisionId, correction: next.correction, contact: next.contact };
    expect(baseContext(stored)).toMatchObject({ ...contact, correction: { supersedesDecisionId: previous.decisionId } });
    for (const lang of LANGUAGES) expect(renderExplanation(next.decision, lang, baseContext(stored))).toBe(next.decision.explanation[lang]);
  });
});

test('a negative correction is handled as REVIEW at least (benefit-rules.md §9)', () => {
  const negative: Correction = { days: [], totalDifferenceOre: -1, reason: 'INPUT_CHANGED', route: 'ADVISER_DECISION' };
  const positive: Correction = { ...negative, totalDifferenceOre: 1, route: 'BACK_PAYMENT' };
  expect(effectiveReview('AUTOMATIC', negative)).toBe('REVIEW');
  expect(effectiveReview('AUTOMATIC', positive)).toBe('AUTOMATIC');
  expect(effectiveReview('AUTOMATIC', undefined)).toBe('AUTOMATIC');
  expect(effectiveReview('VEDTAK_REQUIRED', negative)).toBe('VEDTAK_REQUIRED');
});

test('enrolled in a month: any enrolment overlapping it, open-ended or not', () => {
  expect(enrolledInMonth([{ from: '2025-09-01', to: null }], '2026-10')).toBe(true);
  expect(enrolledInMonth([{ from: '2026-10-31', to: '2027-01-01' }], '2026-10')).toBe(true);
  expect(enrolledInMonth([{ from: '2026-01-01', to: '2026-09-30' }], '2026-10')).toBe(false);
  expect(enrolledInMonth([{ from: '2026-11-01', to: null }], '2026-10')).toBe(false);
  expect(enrolledInMonth([], '2026-10')).toBe(false);
});

test('the months before a month cross the year', () => {
  expect(monthsBefore('2026-02', 3)).toEqual(['2026-01', '2025-12', '2025-11']);
  expect(monthsBefore('2026-10', 0)).toEqual([]);
});
