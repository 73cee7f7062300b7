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
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { getConfig, tableNameOf, type Config } from '../config.js';
import type { ComplaintFact } from '../domain/reports/complaint-facts.js';
import { createDocumentClient, isConditionFailed, queryAll } from './dynamo.js';
import { complaintReaderOf } from './rights-report-views.js';
import { getRightsRepo } from './rights-repo.js';

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
}

let reports: ReportsRepo | undefined;
let complaints: ComplaintReader | undefined;
let made: { config: Config; repo: ReportsRepo } | undefined;

export function getReportsRepo(): ReportsRepo {
  if (reports !== undefined) return reports;
  // Made again when the environment's configuration changed (test suites each start their own database).
  const config = getConfig();
  if (made?.config !== config) made = { config, repo: new DynamoReportsRepo(createDocumentClient(config), tableNameOf(config, 'participants')) };
  return made.repo;
}
export function getComplaintReader(): ComplaintReader {
  // The complaints of rights-repo.ts, read as facts without their text.
  return complaints ?? complaintReaderOf(getRightsRepo());
}
/** Tests and the complaint flow: replace the repository or the complaint reader; `undefined` restores the default. */
export function setReportsRepo(r: ReportsRepo | undefined): void {
  reports = r;
}
export function setComplaintReader(c: ComplaintReader | undefined): void {
  complaints = c;
}
