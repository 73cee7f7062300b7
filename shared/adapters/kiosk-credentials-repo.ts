/**
 * Kiosk credentials (Participants table): a participant's card and QR token,
 * each stored only as the hash of its secret, with the participant's PIN hash.
 * The attempt counters of a card are in kiosk-repo.ts.
 *
 * Key layout (pk / sk; gsi1pk / gsi1sk):
 *   CRED#<muni>#<kind>#<sha256> / CREDENTIAL ; P#<pid>#CREDENTIALS / <kind>#<sha256>   one card or QR + PIN hash
 *   P#<pid>                     / CREDENTIALS                                        the participant's hashes by kind (consistent list, versioned)
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { CREDENTIAL_KINDS, credentialChange, type CredentialKind, type NewKioskCredential } from '../domain/attendance/kiosk-credentials.js';
import { failedConditions, getRecord, isTransactionConflict, versionCondition, type TransactItem } from './dynamo.js';

export type { CredentialKind, NewKioskCredential } from '../domain/attendance/kiosk-credentials.js';

export interface KioskCredential {
  municipality: string;
  kind: CredentialKind;
  /** sha256 of the card number or QR token: the secret itself is never stored. */
  secretHash: string;
  participantId: string;
  pinHash: string;
  createdAt: string;
}

export type CredentialsResult = 'saved' | 'in-use' | 'changed';

export interface KioskCredentialsRepo {
  putKioskCredential(credential: KioskCredential): Promise<void>;
  findKioskCredential(municipality: string, kind: CredentialKind, secretHash: string): Promise<KioskCredential | undefined>;
  /**
   * Sets the participant's card and/or QR credential and one PIN for all of
   * them: a new credential replaces the old one of its kind (which stops
   * working), the other kind keeps working with the new PIN. 'in-use': a
   * given card/QR belongs to another participant of the municipality
   * (nothing written); 'changed': a concurrent change won (nothing written).
   */
  setKioskCredentials(participantId: string, municipality: string, credentials: readonly NewKioskCredential[], pinHash: string, at: string): Promise<CredentialsResult>;
  /** The kinds of kiosk credential the participant has. */
  listKioskCredentialKinds(participantId: string): Promise<CredentialKind[]>;
  /** The participant's kiosk credentials by kind and hash (their attempt counters are keyed by it). */
  listKioskCredentials(participantId: string): Promise<NewKioskCredential[]>;
}

const credentialKey = (m: string, kind: CredentialKind, hash: string) => ({ pk: `CRED#${m}#${kind}#${hash}`, sk: 'CREDENTIAL' });
const credentialsKey = (pid: string) => ({ pk: `P#${pid}`, sk: 'CREDENTIALS' });
const byParticipant = (pid: string, kind: CredentialKind, hash: string) => ({ gsi1pk: `P#${pid}#CREDENTIALS`, gsi1sk: `${kind}#${hash}` });

export class DynamoKioskCredentialsRepo implements KioskCredentialsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async putKioskCredential(c: KioskCredential): Promise<void> {
    // Unconditional: issuing a card again replaces its PIN (the adviser's act).
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...credentialKey(c.municipality, c.kind, c.secretHash), ...byParticipant(c.participantId, c.kind, c.secretHash), ...c } }),
    );
  }

  async findKioskCredential(municipality: string, kind: CredentialKind, secretHash: string): Promise<KioskCredential | undefined> {
    return getRecord<KioskCredential>(this.db, this.table, credentialKey(municipality, kind, secretHash));
  }

  private async credentialHashes(participantId: string): Promise<{ hashes: Partial<Record<CredentialKind, string>>; version: number }> {
    const item = (await this.db.send(new GetCommand({ TableName: this.table, Key: credentialsKey(participantId), ConsistentRead: true }))).Item;
    if (item !== undefined) {
      const hashes: Partial<Record<CredentialKind, string>> = {};
      if (typeof item.CARD === 'string') hashes.CARD = item.CARD;
      if (typeof item.QR === 'string') hashes.QR = item.QR;
      return { hashes, version: Number(item.version) };
    }
    // Credentials issued before the list item existed (seeds) are found through the GSI.
    const r = await this.db.send(
      new QueryCommand({ TableName: this.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `P#${participantId}#CREDENTIALS` } }),
    );
    const hashes: Partial<Record<CredentialKind, string>> = {};
    for (const i of r.Items ?? []) if (i.kind === 'CARD' || i.kind === 'QR') hashes[i.kind as CredentialKind] = String(i.secretHash);
    return { hashes, version: 0 };
  }

  async setKioskCredentials(participantId: string, municipality: string, credentials: readonly NewKioskCredential[], pinHash: string, at: string): Promise<CredentialsResult> {
    const { hashes: old, version } = await this.credentialHashes(participantId);
    const { next, replaced, kept } = credentialChange(old, credentials);
    const mine = { ':pid': participantId };
    const items: TransactItem[] = [
      ...credentials.map(
        (c): TransactItem => ({
          Put: {
            TableName: this.table,
            Item: { ...credentialKey(municipality, c.kind, c.secretHash), ...byParticipant(participantId, c.kind, c.secretHash), municipality, kind: c.kind, secretHash: c.secretHash, participantId, pinHash, createdAt: at },
            // A card or QR identifies one participant in the municipality: never take another participant's.
            ConditionExpression: 'attribute_not_exists(pk) OR participantId = :pid',
            ExpressionAttributeValues: mine,
          },
        }),
      ),
      // Replaced: the old card or QR stops working (e.g. a lost card). Only ever this participant's own item.
      ...replaced.map(
        (c): TransactItem => ({
          Delete: { TableName: this.table, Key: credentialKey(municipality, c.kind, c.secretHash), ConditionExpression: 'attribute_not_exists(pk) OR participantId = :pid', ExpressionAttributeValues: mine },
        }),
      ),
      // Kept: the participant has one PIN, so the other credential takes the new one too.
      ...kept.map(
        (c): TransactItem => ({
          Update: {
            TableName: this.table,
            Key: credentialKey(municipality, c.kind, c.secretHash),
            UpdateExpression: 'SET pinHash = :h',
            ConditionExpression: 'participantId = :pid',
            ExpressionAttributeValues: { ...mine, ':h': pinHash },
          },
        }),
      ),
    ];
    const listIndex = items.length;
    items.push({
      Put: {
        TableName: this.table,
        Item: { ...credentialsKey(participantId), ...next, version: version + 1, updatedAt: at },
        // The list item is the consistent record of the participant's credentials; concurrent changes: one wins.
        ...versionCondition(version),
      },
    });
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'saved';
    } catch (err) {
      const failed = failedConditions(err);
      if (failed.some((i) => i < credentials.length)) return 'in-use';
      if (failed.length === 0 && isTransactionConflict(err)) return 'changed';
      if (failed.length > 0 && failed.every((i) => i >= credentials.length && i <= listIndex)) return 'changed';
      throw err;
    }
  }

  async listKioskCredentialKinds(participantId: string): Promise<CredentialKind[]> {
    return (await this.listKioskCredentials(participantId)).map((c) => c.kind);
  }

  async listKioskCredentials(participantId: string): Promise<NewKioskCredential[]> {
    const { hashes } = await this.credentialHashes(participantId);
    return CREDENTIAL_KINDS.flatMap((kind) => {
      const secretHash = hashes[kind];
      return secretHash === undefined ? [] : [{ kind, secretHash }];
    });
  }
}
