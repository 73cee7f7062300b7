/**
 * Judges every covered portion of a programme day (benefit-rules.md §4,
 * "Order of judgement for one record"): status first (REJECTED → unexcused,
 * PENDING → §7 without judging it against §§ 5–6); then documentation NONE for
 * illness → unexcused; then own illness with a doctor's note → paid; then the
 * self-certification rules (§5), the child-illness rules (§6) or the leave cap.
 * The first rule that refuses gives the reason code.
 *
 * Quota rules replay history first, in date order; only accepted days count.
 */
import type { Absence, Case } from './case.js';
import type { Portion } from './coverage.js';
import type { ChildIllnessOutcome, ChildIllnessRecord } from './rules/child-illness.js';
import { childIllnessQuota, replayChildIllness } from './rules/child-illness.js';
import type { LeaveCategory } from './rules/leave-cap.js';
import { LEAVE_CATEGORIES, leaveCap, leaveVerdict, replayLeaveCap } from './rules/leave-cap.js';
import { judgePending } from './rules/pending-document.js';
import type { SelfCertOutcome } from './rules/self-certification.js';
import { replaySelfCertification } from './rules/self-certification.js';
import { judgeIllnessDocumentation, judgeRejected } from './rules/unexcused-absence.js';
import type { RuleParameters } from './rules/parameters.js';
import type { Verdict } from './rules/verdict.js';
import { EXCUSED } from './rules/verdict.js';

export type { Verdict } from './rules/verdict.js';

export interface Judgement {
  /** Verdict per portion, keyed by the portion object. */
  verdicts: Map<Portion, Verdict>;
  selfCertEpisodeStarts: string[];
  childIllnessAcceptedDays: string[];
  childIllnessQuota: number;
}

const isApprovedSelfCert = (a: Absence) =>
  a.status === 'APPROVED' && a.category === 'OWN_ILLNESS' && a.documentation === 'SELF_CERTIFICATION';
const isApprovedDocumentedChild = (a: Absence) =>
  a.status === 'APPROVED' && a.category === 'CHILD_ILLNESS' && a.documentation !== 'NONE';
const isLeave = (a: Absence): a is Absence & { category: LeaveCategory } =>
  (LEAVE_CATEGORIES as readonly string[]).includes(a.category);

export function judgeAbsences(c: Case, portions: readonly Portion[], params: RuleParameters): Judgement {
  const history = c.history.absences;
  const verdicts = new Map<Portion, Verdict>();

  // §5: self-certified days, history first.
  const selfCert = replaySelfCertification(
    [...history.filter(isApprovedSelfCert), ...portions.map((p) => p.absence).filter(isApprovedSelfCert)].map((a) => a.date),
    c.participant.programStart,
    params.selfCertification,
  );

  // §6: approved, documented child-illness records, history first, in date order.
  const childPortions = portions.filter((p) => isApprovedDocumentedChild(p.absence));
  const childRecords: ChildIllnessRecord[] = [...history.filter(isApprovedDocumentedChild), ...childPortions.map((p) => p.absence)]
    .map((a) => ({ date: a.date, documentation: a.documentation as ChildIllnessRecord['documentation'] }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const quota = childIllnessQuota(c.participant.children, c.participant.soleCarer, params.childIllness);
  const child = replayChildIllness(childRecords, quota, params.childIllness);
  const historyChildCount = childRecords.length - childPortions.length;
  const childOutcome = new Map(childPortions.map((p, i) => [p, child.outcomes[historyChildCount + i]!]));

  // Leave caps, per category.
  const leaveAccepted = new Map<LeaveCategory, Set<string>>();
  for (const cat of LEAVE_CATEGORIES) {
    const approved = (a: Absence) => a.status === 'APPROVED' && a.category === cat;
    const dates = [...history.filter(approved), ...portions.map((p) => p.absence).filter(approved)].map((a) => a.date);
    leaveAccepted.set(cat, replayLeaveCap(cat, dates, leaveCap(cat, c.municipality.policy.welfareLeaveDaysPer12Months, params.leaveCaps)));
  }

  for (const p of portions) {
    verdicts.set(p, judgePortion(c, p, selfCert.outcomes, childOutcome, leaveAccepted));
  }
  return {
    verdicts,
    selfCertEpisodeStarts: selfCert.episodeStarts,
    childIllnessAcceptedDays: child.acceptedDays,
    childIllnessQuota: quota,
  };
}

function judgePortion(
  c: Case,
  p: Portion,
  selfCert: ReadonlyMap<string, SelfCertOutcome>,
  child: ReadonlyMap<Portion, ChildIllnessOutcome>,
  leave: ReadonlyMap<LeaveCategory, ReadonlySet<string>>,
): Verdict {
  const a = p.absence;
  const rejected = judgeRejected(a);
  if (rejected !== null) return rejected;
  if (a.status === 'PENDING') return judgePending(a.date, c.computedAt, c.municipality.policy);
  if (isLeave(a)) return leaveVerdict(leave.get(a.category)!, a.date);
  // Own or child illness (UNPAID_LEAVE records never reach here: see coverage.ts).
  const undocumented = judgeIllnessDocumentation(a);
  if (undocumented !== null) return undocumented;
  if (a.category === 'OWN_ILLNESS') {
    if (a.documentation === 'DOCTOR_NOTE') return EXCUSED;
    return fromOutcome(selfCert.get(a.date)!);
  }
  return fromOutcome(child.get(p)!);
}

/** A quota rule's outcome as a verdict: the refusal's reason code is the rule's own. */
function fromOutcome(o: SelfCertOutcome | ChildIllnessOutcome): Verdict {
  return o.accepted ? EXCUSED : { outcome: 'UNEXCUSED', reason: o.reason };
}
