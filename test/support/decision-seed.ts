/**
 * Stored decisions for the decision, review and release tests, made the way
 * the payroll workflow makes them: the engine (`decideCore` + explanations) on a golden case
 * from ../shared/spec/golden, with the participant id of the test, written
 * create-only with `putDecisionOnce` (never through the workflow).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import { decisionIdOf } from '../../shared/adapters/decisions-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { CaseInput } from '../../shared/domain/case.js';
import { parseCase } from '../../shared/domain/case.js';
import type { Decision } from '../../shared/domain/decision.js';
import { decideCore } from '../../shared/domain/engine.js';
import { LANGUAGES, renderExplanation } from '../../shared/domain/explanation/render.js';
import { diffDecisions } from '../../shared/domain/payroll/correction.js';
import { correctionContext } from '../../shared/domain/payroll/participant-month.js';
import { GOLDEN_DIR } from './paths.js';

/** A golden case (e.g. 'g10-deductions-exceed-base'), as parsed JSON, for this participant. */
export function goldenCase(name: string, participantId: string): CaseInput {
  const c = JSON.parse(readFileSync(join(GOLDEN_DIR, `${name}.case.json`), 'utf8')) as CaseInput;
  return { ...c, participant: { ...c.participant, id: participantId } };
}

/** The same case moved to another month of the same year shape: day and absence dates keep their day of month (days past the month's end are dropped). */
export function inMonth(c: CaseInput, period: string, computedAt: string): CaseInput {
  const last = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).getUTCDate();
  const move = (date: string) => `${period}-${date.slice(8)}`;
  const keep = (date: string) => Number(date.slice(8)) <= last;
  return {
    ...c,
    period,
    computedAt,
    days: c.days.filter((d) => keep(d.date)).map((d) => ({ ...d, date: move(d.date) })),
    absences: c.absences.filter((a) => keep(a.date)).map((a) => ({ ...a, date: move(a.date) })),
  };
}

export interface SeedOptions {
  runId: string;
  version?: number;
  createdAt?: string;
  /** The stored version this one corrects: the correction is stored with it, as the workflow does. */
  previous?: StoredDecision;
  /** A correction of a released month: the month whose run pays it (as the workflow marks it). */
  paidWithPeriod?: string;
  /** A correction of a released month: what the month had paid (the workflow reads it from the stored versions). */
  paidBeforeOre?: number;
}

export function storedDecision(input: CaseInput, o: SeedOptions): StoredDecision {
  const c = parseCase(input);
  const core = decideCore(c);
  const correction = o.previous === undefined ? undefined : diffDecisions(o.previous.decision, core, o.paidBeforeOre);
  // The explanation is rendered as the workflow renders it: a correction with its correction layer.
  const ctx = o.previous === undefined || correction === undefined ? undefined : { correction: correctionContext(o.previous.decisionId, correction, o.paidWithPeriod) };
  const decision: Decision = { ...core, explanation: Object.fromEntries(LANGUAGES.map((lang) => [lang, renderExplanation(core, lang, ctx)])) };
  const version = o.version ?? (o.previous === undefined ? 1 : o.previous.version + 1);
  return {
    participantId: c.participant.id,
    period: c.period,
    version,
    decisionId: decisionIdOf(c.participant.id, c.period, version),
    runId: o.runId,
    municipality: c.municipality.code,
    decision,
    input: c,
    inputHash: decision.inputHash,
    review: decision.review,
    createdAt: o.createdAt ?? '2026-11-02T06:00:00.000Z',
    ...(o.previous === undefined
      ? {}
      : { supersedes: o.previous.decisionId, correction: correction! }),
    ...(o.paidWithPeriod === undefined ? {} : { paidWithPeriod: o.paidWithPeriod }),
  };
}

export async function seedDecision(deps: Deps, input: CaseInput, o: SeedOptions): Promise<StoredDecision> {
  const d = storedDecision(input, o);
  const r = await deps.decisions.putDecisionOnce(d);
  if (r !== 'created') throw new Error(`seedDecision: ${d.decisionId} exists`);
  return d;
}
