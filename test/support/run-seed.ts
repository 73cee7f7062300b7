/**
 * A payroll run AWAITING_APPROVAL with many decisions, set up through the
 * repositories (the workflow has its own tests): one stored decision of a
 * golden case, copied to `n` participants (ids `<prefix>-p0000`…), plus
 * optionally one participant whose decision needs a formal decision
 * (g10), assigned to an adviser. Totals are the decisions' sums.
 */
import type { StoredDecision } from '../../shared/adapters/decisions-repo.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { Decision } from '../../shared/domain/decision.js';
import { addTotals, decisionTotals, emptyTotals } from '../../shared/domain/payroll/run.js';
import { assign, seedParticipant } from './api-seed.js';
import { goldenCase, inMonth, seedDecision, storedDecision } from './decision-seed.js';

export interface SeededRun {
  runId: string;
  participants: string[];
  /** The decision that needs a formal decision, when one was asked for. */
  vedtak: StoredDecision | undefined;
}

export async function seedAwaitingRun(deps: Deps, o: { runId: string; period: string; n: number; at: string; municipality?: string; vedtak?: { participantId: string; adviser: string } }): Promise<SeededRun> {
  const municipality = o.municipality ?? '5001';
  const base = storedDecision(inMonth(goldenCase('g01-full-attendance', 'p-base'), o.period, o.at.slice(0, 10)), { runId: o.runId, createdAt: o.at });
  const prefix = o.runId.replace(/^run-/, '');
  const participants = Array.from({ length: o.n }, (_, i) => `${prefix}-p${String(i).padStart(4, '0')}`);
  let totals = emptyTotals();
  for (let i = 0; i < participants.length; i += 50) {
    await Promise.all(
      participants.slice(i, i + 50).map((pid) => {
        totals = addTotals(totals, decisionTotals(base.decision as unknown as Decision));
        return deps.decisions.putDecisionOnce({ ...base, participantId: pid, municipality, decisionId: `${pid}.${o.period}.v0001` });
      }),
    );
  }
  let vedtak: StoredDecision | undefined;
  if (o.vedtak !== undefined) {
    await seedParticipant(deps, o.vedtak.participantId, { municipality });
    await assign(deps, o.vedtak.participantId, o.vedtak.adviser, municipality);
    vedtak = await seedDecision(deps, inMonth(goldenCase('g10-deductions-exceed-base', o.vedtak.participantId), o.period, o.at.slice(0, 10)), { runId: o.runId, createdAt: o.at });
    participants.push(o.vedtak.participantId);
    totals = addTotals(totals, decisionTotals(vedtak.decision as unknown as Decision));
  }
  const runs = deps.payrollRuns;
  await runs.createRun({ runId: o.runId, municipalityCode: municipality, period: o.period, by: 'staff-starter', at: o.at, executionName: `${o.runId}-1` });
  await runs.freezeBatches(o.runId, [[...participants].sort()], o.at);
  await runs.apply(o.runId, { type: 'SummariseRun', totals, at: o.at });
  return { runId: o.runId, participants: participants.sort(), vedtak };
}
