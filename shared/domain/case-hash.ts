/**
 * The input hash of a case: sha256 over its canonical JSON (keys sorted,
 * defaults applied). Written out per field because it runs once per decision
 * and the generic canonicalJson is the engine's most expensive step; a test
 * checks that both give the same bytes for generated cases, so a field added
 * to the schema but not here fails the suite.
 */
import { createHash } from 'node:crypto';
import type { Absence, Case } from './case.js';
import type { DateRange } from './calendar.js';

const s = JSON.stringify;
const range = (r: DateRange) => `{"from":${s(r.from)},"to":${s(r.to)}}`;
const absence = (a: Absence) =>
  `{"category":${s(a.category)},"date":${s(a.date)},"documentation":${s(a.documentation)},"minutes":${a.minutes},"status":${s(a.status)}}`;

export function canonicalCaseJson(c: Case): string {
  const p = c.participant;
  const pol = c.municipality.policy;
  return (
    `{"absences":[${c.absences.map(absence).join(',')}]` +
    `,"caseVersion":${c.caseVersion},"computedAt":${s(c.computedAt)}` +
    `,"days":[${c.days.map((d) => `{"date":${s(d.date)},"plannedMinutes":${d.plannedMinutes},"presentMinutes":${d.presentMinutes}}`).join(',')}]` +
    `,"history":{"absences":[${c.history.absences.map(absence).join(',')}]}` +
    `,"municipality":{"code":${s(c.municipality.code)},"policy":{"deductionUnit":${s(pol.deductionUnit)},"documentationDeadlineDays":${pol.documentationDeadlineDays},"pending":${s(pol.pending)},"proration":${s(pol.proration)},"welfareLeaveDaysPer12Months":${s(pol.welfareLeaveDaysPer12Months)}}}` +
    `,"participant":{"birthDate":${s(p.birthDate)},"children":${p.children},"coupleReduction":${p.coupleReduction},"enrolments":[${p.enrolments.map(range).join(',')}],"id":${s(p.id)},"livesWithParent":${p.livesWithParent},"programStart":${s(p.programStart)},"regime":${s(p.regime)},"soleCarer":${p.soleCarer},"unpaidLeave":[${p.unpaidLeave.map(range).join(',')}]}` +
    `,"period":${s(c.period)}}`
  );
}

export function inputHash(c: Case): string {
  return `sha256:${createHash('sha256').update(canonicalCaseJson(c)).digest('hex')}`;
}
