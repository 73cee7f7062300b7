/**
 * Archive package jobs (shared/domain/reports/archive-job.ts) in the payroll
 * runs table, beside the export jobs: one item per attempt under the
 * municipality's month, `pk = ARCHIVE#<municipality>#<period>`,
 * `sk = JOB#<attempt, 6 digits>`, so the newest attempt is one query.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ArchiveFileRef, ArchiveJob } from '../domain/reports/archive-job.js';
import { isConditionFailed, withoutKeys } from './dynamo.js';

export interface ArchiveJobsRepo {
  /** The newest attempt of the municipality's month, if any. */
  latest(municipality: string, period: string): Promise<ArchiveJob | undefined>;
  get(municipality: string, period: string, attempt: number): Promise<ArchiveJob | undefined>;
  /** Writes a new attempt; 'lost' when another request wrote that attempt first (read theirs back). */
  create(job: ArchiveJob): Promise<'created' | 'lost'>;
  /** PENDING → RUNNING; false when the job is READY or FAILED already (a late retry does nothing). */
  markRunning(job: ArchiveJob, at: string): Promise<boolean>;
  /** The file is written: READY with its reference, unless it already ended. */
  markReady(job: ArchiveJob, file: ArchiveFileRef, at: string): Promise<boolean>;
  /** FAILED with a code, unless it already ended. */
  markFailed(job: ArchiveJob, code: string, at: string): Promise<boolean>;
}

const pk = (m: string, period: string) => `ARCHIVE#${m}#${period}`;
const sk = (attempt: number) => `JOB#${String(attempt).padStart(6, '0')}`;

export class DynamoArchiveJobsRepo implements ArchiveJobsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async latest(municipality: string, period: string): Promise<ArchiveJob | undefined> {
    const r = await this.db.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :job)', ExpressionAttributeValues: { ':pk': pk(municipality, period), ':job': 'JOB#' }, ScanIndexForward: false, Limit: 1, ConsistentRead: true }),
    );
    return withoutKeys<ArchiveJob>(r.Items?.[0]);
  }

  async get(municipality: string, period: string, attempt: number): Promise<ArchiveJob | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: pk(municipality, period), sk: sk(attempt) }, ConsistentRead: true }));
    return withoutKeys<ArchiveJob>(r.Item);
  }

  async create(job: ArchiveJob): Promise<'created' | 'lost'> {
    try {
      // Create-only: of two requests that both saw attempt n as the newest, one writes n+1 and the other reads it back.
      await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: pk(job.municipality, job.period), sk: sk(job.attempt), ...job }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return 'created';
    } catch (err) {
      if (isConditionFailed(err)) return 'lost';
      throw err;
    }
  }

  /** Sets fields on a job that has not ended (READY and FAILED are final: nothing changes them). */
  private async settle(job: ArchiveJob, sets: Record<string, unknown>): Promise<boolean> {
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':ready': 'READY', ':failed': 'FAILED' };
    const parts = Object.entries(sets).map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:v${i}`] = v;
      return `#f${i} = :v${i}`;
    });
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: pk(job.municipality, job.period), sk: sk(job.attempt) },
          UpdateExpression: `SET ${parts.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk) AND #s <> :ready AND #s <> :failed',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  }

  markRunning(job: ArchiveJob, at: string): Promise<boolean> {
    return this.settle(job, { status: 'RUNNING', updatedAt: at });
  }

  markReady(job: ArchiveJob, file: ArchiveFileRef, at: string): Promise<boolean> {
    return this.settle(job, { status: 'READY', file, updatedAt: at });
  }

  markFailed(job: ArchiveJob, code: string, at: string): Promise<boolean> {
    return this.settle(job, { status: 'FAILED', failure: code, updatedAt: at });
  }
}
