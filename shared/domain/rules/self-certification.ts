/**
 * Self-certification of own illness (egenmelding).
 * Legal basis: integreringsforskriften §§ 5–6 and IMDi's guidance on absence
 * in the introduction programme (legal-basis.ts row IF-SELF-CERT;
 * benefit-rules.md §5): allowed from 8 weeks after the
 * first programme day; a relapse within 16 days belongs to the same episode;
 * at most 3 days per episode; at most 4 episodes in 12 months.
 *
 * Days are judged in date order, history first, each against the accepted
 * days before it. A refused day is unexcused and starts nothing.
 */
import { addDays, daysBetween, oneYearBefore } from '../calendar.js';
import type { LineRuleMeta } from './legal-basis.js';
import type { RuleParameters } from './parameters.js';

type Quotas = RuleParameters['selfCertification'];

const REFUSALS = ['SELF_CERT_BEFORE_8_WEEKS', 'SELF_CERT_EPISODE_OVER_3_DAYS', 'SELF_CERT_QUOTA_EXHAUSTED'] as const;
/** Every refusal of egenmelding is overturned by a doctor's note (own illness with DOCTOR_NOTE is always paid). */
export const RULE = { id: 'IF-SELF-CERT', reasons: REFUSALS, curedByDoctorNote: REFUSALS } as const satisfies LineRuleMeta;

export type SelfCertRefusal = (typeof REFUSALS)[number];

export type SelfCertOutcome = { accepted: true } | { accepted: false; reason: SelfCertRefusal };

interface Episode {
  first: string;
  last: string;
  days: number;
}

export interface SelfCertReplay {
  /** Outcome per judged date. */
  outcomes: Map<string, SelfCertOutcome>;
  /** First days of the accepted episodes, in order. */
  episodeStarts: string[];
}

/**
 * @param dates every date with approved self-certified own illness (history
 *   and period), any order, duplicates allowed: a day counts once.
 */
export function replaySelfCertification(dates: readonly string[], programStart: string, quotas: Quotas): SelfCertReplay {
  const earliest = addDays(programStart, quotas.waitingDays);
  const episodes: Episode[] = [];
  const outcomes = new Map<string, SelfCertOutcome>();
  for (const x of [...new Set(dates)].sort()) {
    outcomes.set(x, judge(x, earliest, episodes, quotas));
  }
  return { outcomes, episodeStarts: episodes.map((e) => e.first) };
}

function judge(x: string, earliest: string, episodes: Episode[], quotas: Quotas): SelfCertOutcome {
  if (x < earliest) return { accepted: false, reason: 'SELF_CERT_BEFORE_8_WEEKS' };
  const latest = episodes.at(-1);
  if (latest && daysBetween(latest.last, x) <= quotas.relapseDays) {
    if (latest.days >= quotas.daysPerEpisode)
      return { accepted: false, reason: 'SELF_CERT_EPISODE_OVER_3_DAYS' };
    latest.days += 1;
    latest.last = x;
    return { accepted: true };
  }
  // A new episode: refused when 4 accepted episodes began in (x − 1 year, x].
  const from = oneYearBefore(x);
  const recent = episodes.filter((e) => e.first > from && e.first <= x).length;
  if (recent >= quotas.episodesPer12Months) return { accepted: false, reason: 'SELF_CERT_QUOTA_EXHAUSTED' };
  episodes.push({ first: x, last: x, days: 1 });
  return { accepted: true };
}

/** Accepted episodes whose first day lies in (end − 1 year, end]. */
export function episodesInYearTo(starts: readonly string[], end: string): number {
  const from = oneYearBefore(end);
  return starts.filter((s) => s > from && s <= end).length;
}
