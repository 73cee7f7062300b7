/**
 * Prepare: list the run's candidates and freeze them, in batches, in the
 * PayrollRuns table, with the released months the run corrects. Candidates
 * are the municipality's participants enrolled in the month, and every
 * participant with a decision in a released month inside the look-back
 * window (municipality policy, shared/domain/payroll/correction-window.ts),
 * whether or not still enrolled: a participant who has left still gets the
 * correction of a month they were paid for (benefit-rules.md §8).
 * Frozen once: a retried or resumed Prepare returns the same batches even if
 * someone registered in between (that participant is in next month's run,
 * or a correction).
 */
import { batchesByShard } from '../../shared/domain/payroll/batches.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../../shared/adapters/deps.js';
import { COUNTER_SHARDS, counterShardIndex, type DecisionsRepo } from '../../shared/adapters/decisions-repo.js';

import type { PayrollRun } from '../../shared/adapters/payroll-runs-repo.js';
import { PermanentTaskError } from '../../shared/adapters/workflow-task.js';
import type { DateRange } from '../../shared/domain/calendar.js';
import { lookbackMonths } from '../../shared/domain/payroll/correction-window.js';
import { enrolledInMonth } from '../../shared/domain/payroll/participant-month.js';
import type { PrepareOutput } from '../../shared/features/payroll/prepare-schema.js';
import { releasedMonths } from '../../shared/features/payroll/runs.js';

/** Participant ids of the municipality (gsi1 of the profile items), with their current enrolments; sorted by id. */
export async function listEnrolledParticipants(db: DynamoDBDocumentClient, table: string, municipality: string, period: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `M#${municipality}#P` },
        // Only what eligibility needs: never a fact or a name leaves the table here.
        ProjectionExpression: 'participantId, enrolments',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of r.Items ?? []) {
      if (typeof item.participantId === 'string' && enrolledInMonth((item.enrolments as DateRange[] | undefined) ?? [], period)) ids.push(item.participantId);
    }
    start = r.LastEvaluatedKey;
  } while (start !== undefined);
  return ids.sort();
}

/** The enrolment read of the participants table (no repository has it: it reads profiles by municipality and month only). */
function enrolledFrom(deps: Pick<Deps, 'table'>): (municipality: string, period: string) => Promise<string[]> {
  return (municipality, period) => {
    const { db, name } = deps.table('participants');
    return listEnrolledParticipants(db, name, municipality, period);
  };
}

/** Enrolled in the month, or with a decision in one of the released months: sorted, each once. */
export async function listCandidates(
  decisions: Pick<DecisionsRepo, 'listParticipantsOfMonth'>,
  enrolled: readonly string[],
  municipality: string,
  released: readonly string[],
): Promise<string[]> {
  const decided = await Promise.all(released.map((p) => decisions.listParticipantsOfMonth(municipality, p)));
  return [...new Set([...enrolled, ...decided.flat()])].sort();
}

export type PrepareDeps = Pick<Deps, 'payrollRuns' | 'decisions' | 'policies' | 'clock' | 'table' | 'config'>;

export async function prepareRun(
  runId: string,
  deps: PrepareDeps,
  listEnrolled: (municipality: string, period: string) => Promise<string[]> = enrolledFrom(deps),
  batchSize: number = deps.config.payrollBatchSize,
): Promise<PrepareOutput> {
  const run = await deps.payrollRuns.getRun(runId);
  if (run === undefined) throw new PermanentTaskError('RUN_NOT_FOUND');
  if (run.status !== 'COMPUTING') throw new PermanentTaskError('RUN_NOT_COMPUTING');
  const frozen = run.progress.prepared ? run.progress : await freeze(run, deps, listEnrolled, batchSize);
  return { batches: Array.from({ length: frozen.batches }, (_, i) => i), participants: frozen.participants };
}

async function freeze(
  run: PayrollRun,
  deps: PrepareDeps,
  listEnrolled: (municipality: string, period: string) => Promise<string[]>,
  batchSize: number,
): Promise<{ batches: number; participants: number }> {
  const m = run.municipalityCode;
  const [enrolled, policy, fresh] = await Promise.all([listEnrolled(m, run.period), deps.policies.getPolicy(m), deps.decisions.hasAnyForMonth(m, run.period).then((any) => !any)]);
  const released = await releasedMonths(deps.payrollRuns, m, lookbackMonths(run.period, policy?.payroll));
  const candidates = await listCandidates(deps.decisions, enrolled, m, released);
  // Batches by counter shard (shared/domain/payroll/batches.ts): a batch's formal decisions go in few, full transactions.
  const batches = batchesByShard(candidates, batchSize, COUNTER_SHARDS, counterShardIndex);
  return deps.payrollRuns.freezeBatches(run.runId, batches, deps.clock.now().toISOString(), fresh, released);
}
