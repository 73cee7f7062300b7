/**
 * Activation codes, their counters and device bindings (shared/identity/device-activation.ts),
 * in the Participants table.
 *
 * Key layout (pk / sk):
 *   ACTIVATION#<lookup>                     / CODE     one code: its hash, participant, tries, used; TTL expiresAt
 *   ACTIVATION-DAY#<participantId>#<day>    / COUNT    codes made that day (fixed window, in the key); TTL
 *   ACTIVATION-SRC#<sourceRef>#<hour>       / COUNT    redemption attempts from one source that hour; TTL
 *   DEVICEBINDINGS#<participantId>          / BINDING#<bindingId>   one bound device (public key, expiry, revocation)
 *
 * Counters live in a fixed window named in the key, so two callers never
 * reset each other: `ADD n 1` under `n < max` counts, or refuses, atomically.
 * DynamoDB's TTL deletes lazily, so every read and condition compares
 * expiresAt with the caller's clock.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeviceBinding, StoredCode } from '../identity/device-activation.js';
import { isConditionFailed, isTransactionConditionFailed } from './dynamo.js';
import { changingFile, type FileChanged } from './participant-files-repo.js';

export interface DeviceBindingsRepo {
  /** Counts one code against the participant's day; false when the day's limit is reached. */
  countCodeIssued(participantId: string, day: string, max: number, expiresAt: number): Promise<boolean>;
  /** Saves a new code; false when a live code already has its lookup (draw again). */
  putCode(code: StoredCode, nowSeconds: number): Promise<boolean>;
  /** Counts one redemption attempt of a source this hour; false when over the limit. */
  countSourceAttempt(sourceRef: string, hour: number, max: number): Promise<boolean>;
  /** The live code with this lookup (expired = absent). */
  findCode(lookup: string, nowSeconds: number): Promise<StoredCode | undefined>;
  /**
   * Counts one try of a code before its secret is compared, only while it is
   * under `max` tries, live and unused: so even a burst of parallel guesses
   * at one code gets at most `max` comparisons. False: no try left.
   */
  reserveTry(lookup: string, max: number, nowSeconds: number): Promise<boolean>;
  /**
   * Uses the code and saves the binding in one transaction: only if the code
   * is still unused, live, within its try limit (this try counted) and has this hash. False when
   * another redemption won or the code ran out meanwhile.
   */
  redeem(lookup: string, hash: string, maxTries: number, nowSeconds: number, binding: DeviceBinding): Promise<boolean>;
  getBinding(participantId: string, bindingId: string): Promise<DeviceBinding | undefined>;
  listBindings(participantId: string): Promise<DeviceBinding[]>;
  /** Ends every live binding of the participant; returns how many it ended. */
  revokeAll(participantId: string, at: string, by: NonNullable<DeviceBinding['revokedBy']>): Promise<number>;
}

const codeKey = (lookup: string) => ({ pk: `ACTIVATION#${lookup}`, sk: 'CODE' });
const bindingKey = (participantId: string, bindingId: string) => ({ pk: `DEVICEBINDINGS#${participantId}`, sk: `BINDING#${bindingId}` });

function toBinding(item: Record<string, unknown>): DeviceBinding {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as DeviceBinding;
}

export class DynamoDeviceBindingsRepo implements DeviceBindingsRepo {
  /** `changed`: told after a binding is made or ended (a cached file check of its participant is forgotten: file-checks.ts). */
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly changed: FileChanged = () => undefined,
  ) {}

  private async countBelow(key: Record<string, string>, max: number, expiresAt: number): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'ADD n :one SET expiresAt = :exp',
          ConditionExpression: 'attribute_not_exists(n) OR n < :max',
          ExpressionAttributeValues: { ':one': 1, ':max': max, ':exp': expiresAt },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  }

  countCodeIssued(participantId: string, day: string, max: number, expiresAt: number): Promise<boolean> {
    return this.countBelow({ pk: `ACTIVATION-DAY#${participantId}#${day}`, sk: 'COUNT' }, max, expiresAt);
  }

  countSourceAttempt(sourceRef: string, hour: number, max: number): Promise<boolean> {
    return this.countBelow({ pk: `ACTIVATION-SRC#${sourceRef}#${hour}`, sk: 'COUNT' }, max, (hour + 2) * 3600);
  }

  async putCode(code: StoredCode, nowSeconds: number): Promise<boolean> {
    try {
      // A lookup is reused only once its earlier code has expired.
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...codeKey(code.lookup), ...code },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  }

  async findCode(lookup: string, nowSeconds: number): Promise<StoredCode | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: codeKey(lookup), ConsistentRead: true }));
    const item = r.Item;
    if (item === undefined || Number(item.expiresAt) <= nowSeconds) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = item;
    return rest as StoredCode;
  }

  async reserveTry(lookup: string, max: number, nowSeconds: number): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: codeKey(lookup),
          UpdateExpression: 'ADD tries :one',
          ConditionExpression: 'attribute_exists(pk) AND tries < :max AND used = :false AND expiresAt > :now',
          ExpressionAttributeValues: { ':one': 1, ':max': max, ':false': false, ':now': nowSeconds },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  }

  redeem(lookup: string, hash: string, maxTries: number, nowSeconds: number, binding: DeviceBinding): Promise<boolean> {
    return changingFile(this.changed, binding.participantId, () => this.bind(lookup, hash, maxTries, nowSeconds, binding));
  }

  private async bind(lookup: string, hash: string, maxTries: number, nowSeconds: number, binding: DeviceBinding): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: codeKey(lookup),
                UpdateExpression: 'SET used = :true',
                // Single use under concurrency: of two redemptions of one code, one sees used = true here.
                ConditionExpression: 'used = :false AND tries <= :max AND expiresAt > :now AND codeHash = :hash',
                ExpressionAttributeValues: { ':true': true, ':false': false, ':max': maxTries, ':now': nowSeconds, ':hash': hash },
              },
            },
            { Put: { TableName: this.table, Item: { ...bindingKey(binding.participantId, binding.bindingId), ...binding }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (isTransactionConditionFailed(err)) return false;
      throw err;
    }
  }

  async getBinding(participantId: string, bindingId: string): Promise<DeviceBinding | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: bindingKey(participantId, bindingId), ConsistentRead: true }));
    return r.Item === undefined ? undefined : toBinding(r.Item);
  }

  async listBindings(participantId: string): Promise<DeviceBinding[]> {
    const out: DeviceBinding[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :b)',
          ExpressionAttributeValues: { ':pk': `DEVICEBINDINGS#${participantId}`, ':b': 'BINDING#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(r.Items ?? []).map(toBinding));
      start = r.LastEvaluatedKey;
    } while (start !== undefined);
    return out;
  }

  revokeAll(participantId: string, at: string, by: NonNullable<DeviceBinding['revokedBy']>): Promise<number> {
    return changingFile(this.changed, participantId, () => this.revokeEach(participantId, at, by));
  }

  private async revokeEach(participantId: string, at: string, by: NonNullable<DeviceBinding['revokedBy']>): Promise<number> {
    let n = 0;
    for (const b of await this.listBindings(participantId)) {
      if (b.revokedAt !== undefined) continue;
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: bindingKey(participantId, b.bindingId),
            UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':at': at, ':by': by },
          }),
        );
        n++;
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    }
    return n;
  }
}
