/**
 * What the municipality reports read and write beyond the participant,
 * attendance and decision repositories (issue 12 items 3–5):
 *
 *   Participants table:
 *     NIR#<muni> / <record key>     a NIR record marked as registered (create-only: who, when)
 *   and the municipality's participant ids (gsi1 `M#<muni>#P`, ids only).
 *
 * Complaints are stored by the complaint flow (issue 12 item 2); the reports
 * read them through `ComplaintReader`, the one place that knows that store.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ComplaintFact } from '../domain/reports/complaint-facts.js';
import { isConditionFailed, queryAll } from './dynamo.js';

export interface NirRegistration {
  key: string;
  registeredAt: string;
  /** Pseudonymous staff ref (never a name). */
  byRef: string;
}

export interface ReportsRepo {
  /** The municipality's participant ids (profile index), sorted. */
  municipalityParticipants(municipality: string): Promise<string[]>;
  listNirRegistrations(municipality: string): Promise<Map<string, NirRegistration>>;
  /** Marks a record as registered unless it is ('exists': the first mark stays). */
  markNirRegistered(municipality: string, r: NirRegistration): Promise<'created' | 'exists'>;
  /** The municipalities that have participant files (profile items), sorted: the retention run's default scope. */
  municipalitiesWithParticipants(): Promise<string[]>;
}

/** The complaint store as the reports see it (read only, no complaint text). */
export interface ComplaintReader {
  listForParticipant(participantId: string): Promise<ComplaintFact[]>;
  /** The municipality's complaints received on the dates [fromDate, toDate] (statistics). */
  listForMunicipality(municipality: string, fromDate: string, toDate: string): Promise<ComplaintFact[]>;
}

export class DynamoReportsRepo implements ReportsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly participantsTable: string,
  ) {}

  async municipalityParticipants(municipality: string): Promise<string[]> {
    const items = await queryAll(this.db, { TableName: this.participantsTable, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `M#${municipality}#P` }, ProjectionExpression: 'participantId' });
    return items.flatMap((i) => (typeof i.participantId === 'string' ? [i.participantId] : [])).sort();
  }

  async listNirRegistrations(municipality: string): Promise<Map<string, NirRegistration>> {
    const items = await queryAll(this.db, { TableName: this.participantsTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `NIR#${municipality}` }, ConsistentRead: true });
    return new Map(items.map((i) => [String(i.sk), { key: String(i.sk), registeredAt: String(i.registeredAt), byRef: String(i.byRef) }]));
  }

  async markNirRegistered(municipality: string, r: NirRegistration): Promise<'created' | 'exists'> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.participantsTable,
          Item: { pk: `NIR#${municipality}`, sk: r.key, ...r },
          // Create-only: the first mark (who, when) is the record; a second click or a racing colleague changes nothing.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (e) {
      if (isConditionFailed(e)) return 'exists';
      throw e;
    }
  }

  async municipalitiesWithParticipants(): Promise<string[]> {
    const found = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      // One projected scan of the profile items (a daily job; no index lists municipalities).
      const page = await this.db.send(
        new ScanCommand({ TableName: this.participantsTable, FilterExpression: 'sk = :p', ExpressionAttributeValues: { ':p': 'PROFILE' }, ProjectionExpression: 'municipality', ExclusiveStartKey: start }),
      );
      for (const i of page.Items ?? []) if (typeof i.municipality === 'string') found.add(i.municipality);
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return [...found].sort();
  }
}
