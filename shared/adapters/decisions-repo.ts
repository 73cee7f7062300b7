/**
 * Decisions table: one immutable item per participant, period and version
 * (architecture.md "Data"). Only what the participant-facing API needs lives
 * here (create-once writes and the participant's own list, for the data
 * export); the payroll workflow writes through `putDecisionOnce`.
 *
 * Key layout (pk / sk; gsi1pk / gsi1sk):
 *   P#<pid> / DEC#<period>#v<version, 4 digits> ; RUN#<runId> / P#<pid>#<period>#v<version>
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from './dynamo.js';

export interface StoredDecision {
  participantId: string;
  period: string;
  version: number;
  decisionId: string;
  runId: string;
  /** The engine's decision (shared/domain/decision.ts), with explanation. */
  decision: Record<string, unknown>;
  createdAt: string;
  supersedes?: string;
}

export interface DecisionsRepo {
  /** Writes the decision unless that participant/period/version exists ('exists': nothing written). */
  putDecisionOnce(d: StoredDecision): Promise<'created' | 'exists'>;
  listForParticipant(participantId: string): Promise<StoredDecision[]>;
}

const key = (d: Pick<StoredDecision, 'participantId' | 'period' | 'version'>) => ({
  pk: `P#${d.participantId}`,
  sk: `DEC#${d.period}#v${String(d.version).padStart(4, '0')}`,
});

export class DynamoDecisionsRepo implements DecisionsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async putDecisionOnce(d: StoredDecision): Promise<'created' | 'exists'> {
    const k = key(d);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...k, gsi1pk: `RUN#${d.runId}`, gsi1sk: `P#${d.participantId}#${d.period}#v${String(d.version).padStart(4, '0')}`, ...d },
          // Decisions are immutable (R5): a version is written once; a retried step finds it and writes nothing.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (err) {
      if (isConditionFailed(err)) return 'exists';
      throw err;
    }
  }

  async listForParticipant(participantId: string): Promise<StoredDecision[]> {
    const out: StoredDecision[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :dec)',
          ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':dec': 'DEC#' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of r.Items ?? []) {
        const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...d } = item;
        out.push(d as StoredDecision);
      }
      start = r.LastEvaluatedKey;
    } while (start !== undefined);
    return out;
  }
}
