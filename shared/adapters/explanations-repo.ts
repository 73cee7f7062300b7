/**
 * Explanation revisions (shared/domain/payroll/explanation-versions.ts) in
 * the Decisions table, beside the decision version they explain: one
 * create-only item per decision version and revision, never an edit.
 * Revision 0 is the explanation stored inside the decision item itself.
 *
 * Key layout (pk / sk): P#<pid> / EXP#<period>#v<version, 4 digits>#r<revision, 3 digits>
 *
 * No gsi1 keys: gsi1 lists a municipality's month of decisions
 * (decisions-repo.ts) and must list decisions only.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RevisionCause, StoredContext } from '../domain/payroll/explanation-versions.js';
import { pad4 } from './decisions-repo.js';
import { isConditionFailed, queryAll, withoutKeys } from './dynamo.js';

export interface StoredExplanation {
  participantId: string;
  period: string;
  /** The decision version explained. */
  version: number;
  /** 1, 2, …: revision 0 is the decision's own explanation. */
  revision: number;
  decisionId: string;
  /** What the text was rendered with (besides the stored decision): re-rendering gives the same bytes. */
  context: StoredContext;
  cause: RevisionCause;
  templateVersion: string;
  /** The rendered text per language. */
  explanation: Record<string, string>;
  createdAt: string;
}

export interface ExplanationsRepo {
  /** Writes the revision unless that decision version already has it ('exists': nothing written). */
  putOnce(e: StoredExplanation): Promise<'created' | 'exists'>;
  /** The newest revision of a decision version's explanation (strongly consistent). */
  latestFor(participantId: string, period: string, version: number): Promise<StoredExplanation | undefined>;
  /** Every revision of a participant's month, oldest first. */
  listForMonth(participantId: string, period: string): Promise<StoredExplanation[]>;
  /** Every revision of a participant (all months). */
  listForParticipant(participantId: string): Promise<StoredExplanation[]>;
}

const pad3 = (n: number) => String(n).padStart(3, '0');
const key = (e: Pick<StoredExplanation, 'participantId' | 'period' | 'version' | 'revision'>) => ({
  pk: `P#${e.participantId}`,
  sk: `EXP#${e.period}#v${pad4(e.version)}#r${pad3(e.revision)}`,
});

export class DynamoExplanationsRepo implements ExplanationsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async putOnce(e: StoredExplanation): Promise<'created' | 'exists'> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key(e), ...e },
          // Create-only: a revision is written once. Two writers racing for the same revision number
          // (a resolution and a payroll batch) cannot both win; the loser reads again and decides afresh.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (err) {
      if (isConditionFailed(err)) return 'exists';
      throw err;
    }
  }

  async latestFor(participantId: string, period: string, version: number): Promise<StoredExplanation | undefined> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':p': `EXP#${period}#v${pad4(version)}#r` },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = r.Items?.[0];
    return item === undefined ? undefined : withoutKeys<StoredExplanation>(item);
  }

  private async list(participantId: string, prefix: string): Promise<StoredExplanation[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':p': prefix },
      ConsistentRead: true,
    });
    return items.map((item) => withoutKeys<StoredExplanation>(item));
  }

  listForMonth(participantId: string, period: string): Promise<StoredExplanation[]> {
    return this.list(participantId, `EXP#${period}#`);
  }

  listForParticipant(participantId: string): Promise<StoredExplanation[]> {
    return this.list(participantId, 'EXP#');
  }
}
