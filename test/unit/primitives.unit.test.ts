import { addDays, ageOn, daysBetween, daysInMonth, isLeapYear, isValidIsoDate, monthInfo, oneYearBefore } from '../../shared/domain/calendar.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import { div, frac, min, mul, roundHalfUp, toFractionString } from '../../shared/domain/fraction.js';
import { canonicalPolicyJson, DEFAULT_POLICY, policyVersion } from '../../shared/domain/policy.js';

describe('calendar', () => {
  test.each([
    ['2026-10-31', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['2026-4-1', false],
    ['2026-04-00', false],
  ])('isValidIsoDate(%s) = %s', (d, ok) => expect(isValidIsoDate(d)).toBe(ok));

  test('leap years follow the Gregorian rule', () => {
    expect([1900, 2000, 2024, 2026].map(isLeapYear)).toEqual([false, true, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
  });

  test('a year before 29 February is 28 February', () => {
    expect(oneYearBefore('2028-02-29')).toBe('2027-02-28');
    expect(oneYearBefore('2026-10-20')).toBe('2025-10-20');
  });

  test('age is in completed years on the date; a 29 February birthday completes on 1 March', () => {
    expect(ageOn('2001-10-01', '2026-10-01')).toBe(25);
    expect(ageOn('2001-10-02', '2026-10-01')).toBe(24);
    expect(ageOn('2004-02-29', '2029-03-01')).toBe(25);
    expect(ageOn('2004-02-29', '2029-02-01')).toBe(24);
    expect(ageOn('2001-09-15', '2026-10-01')).toBe(25);
  });

  test('day arithmetic and month info', () => {
    expect(addDays('2026-10-29', 7)).toBe('2026-11-05');
    expect(daysBetween('2026-10-01', '2026-10-17')).toBe(16);
    expect(monthInfo('2026-02')).toMatchObject({ first: '2026-02-01', last: '2026-02-28', days: 28 });
  });
});

describe('fraction', () => {
  test('normalises sign and common factors', () => {
    expect(frac(2, -4)).toEqual({ n: -1n, d: 2n });
    expect(frac(0, 5)).toEqual({ n: 0n, d: 1n });
    expect(() => frac(1, 0)).toThrow(RangeError);
  });
  test('arithmetic is exact', () => {
    expect(toFractionString(mul(frac(2, 3), frac(5, 6)))).toBe('5/9');
    expect(toFractionString(div(frac(1, 3), frac(1, 3)))).toBe('1');
    expect(min(frac(1, 3), frac(1, 2))).toEqual(frac(1, 3));
    expect(min(frac(1, 2), frac(1, 3))).toEqual(frac(1, 3));
  });
  test('rounds half up from the exact value', () => {
    expect(roundHalfUp(frac(5, 2))).toBe(3);
    expect(roundHalfUp(frac(249, 100))).toBe(2);
    expect(roundHalfUp(frac(0))).toBe(0);
    expect(() => roundHalfUp(frac(-1, 2))).toThrow(RangeError);
  });
});

test('canonical JSON sorts keys and drops undefined', () => {
  expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], u: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
});

test('the policy version is stable and changes with the policy', () => {
  expect(policyVersion(DEFAULT_POLICY)).toBe(policyVersion({ ...DEFAULT_POLICY }));
  expect(policyVersion({ ...DEFAULT_POLICY, pending: 'PAY' })).not.toBe(policyVersion(DEFAULT_POLICY));
  expect(policyVersion(DEFAULT_POLICY)).toMatch(/^policy-[0-9a-f]{12}$/);
});

test('the policy JSON is canonical and the version cache stays bounded', () => {
  expect(canonicalPolicyJson(DEFAULT_POLICY)).toBe(canonicalJson(DEFAULT_POLICY));
  const seen = new Set<string>();
  for (let days = 0; days < 100; days++) seen.add(policyVersion({ ...DEFAULT_POLICY, documentationDeadlineDays: days }));
  expect(seen.size).toBe(100);
  expect(policyVersion({ ...DEFAULT_POLICY, documentationDeadlineDays: 3 })).toBe([...seen][3]);
});
