/**
 * Participants table: everything about a participant and the municipality
 * setup the API needs. Names and national ids live here only, in their own
 * item, so reading the facts the rules need never reads a name.
 *
 * Key layout (pk / sk; gsi1pk / gsi1sk):
 *   P#<pid>            / PROFILE       ; M#<muni>#P          / P#<pid>      facts, schedule, version
 *   P#<pid>            / IDENTITY      ;                                       given/family name, national id
 *   ADVISER#<sub>      / P#<pid>       ; P#<pid>#ADVISERS    / ADVISER#<sub> an adviser assignment
 *   CRED#<muni>#<kind>#<sha256> / CREDENTIAL ; P#<pid>#CREDENTIALS / <kind>#<sha256>
 *                                                                             kiosk card/QR (secret hashed) + PIN hash
 *   DEVICE#<deviceId>  / DEVICE        ; M#<muni>#DEVICES    / DEVICE#<id>  a registered kiosk
 *   M#<muni>           / POLICY                                              municipality policy with version
 *   ATTEMPTS#<scope>#<key> / ATTEMPTS  (TTL expiresAt)                       wrong-PIN counter for a card or device
 *
 * Assignments are keyed by adviser so "is this adviser assigned?" and "whom is
 * this adviser assigned?" are strongly consistent reads: removing an
 * assignment takes effect on the next request (quality.md S4).
 */
import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DateRange } from '../domain/calendar.js';
import type { MissingCheckoutPolicy } from '../domain/attendance/presence.js';
import type { PolicyOverrides } from '../domain/policy.js';
import type { Schedule } from '../domain/schedule/schedule.js';
import { isConditionFailed, isTransactionConditionFailed } from './dynamo.js';

export interface ParticipantProfile {
  participantId: string;
  municipality: string;
  birthDate: string;
  regime: 'integreringsloven' | 'introduksjonsloven';
  livesWithParent: boolean;
  coupleReduction: boolean;
  children: number;
  soleCarer: boolean;
  programStart: string;
  enrolments: DateRange[];
  unpaidLeave: DateRange[];
  schedule: Schedule;
  /** Starts at 1; every save increments it (optimistic concurrency). */
  version: number;
  updatedAt: string;
}

export interface ParticipantIdentity {
  participantId: string;
  givenName: string;
  familyName: string;
  nationalId: string;
}

export type CredentialKind = 'CARD' | 'QR';

export interface KioskCredential {
  municipality: string;
  kind: CredentialKind;
  /** sha256 of the card number or QR token: the secret itself is never stored. */
  secretHash: string;
  participantId: string;
  pinHash: string;
  createdAt: string;
}

export interface Device {
  deviceId: string;
  municipality: string;
  label: string;
  active: boolean;
  registeredAt: string;
}

export interface AttendanceSettings {
  /** How old a new check-in's device time may be (an offline kiosk's queue). */
  replayWindowHours: number;
  missingCheckout: MissingCheckoutPolicy;
}

export const DEFAULT_ATTENDANCE_SETTINGS: AttendanceSettings = { replayWindowHours: 72, missingCheckout: 'END_OF_SESSION' };

export interface MunicipalityPolicy {
  municipality: string;
  /** Overrides of benefit-rules.md §10 (the engine's policySchema input). */
  benefit: PolicyOverrides;
  attendance: AttendanceSettings;
  version: number;
  updatedAt: string;
}

export interface AttemptCounter {
  failures: number;
  /** Epoch seconds when the counter (and any lockout) ends. */
  expiresAt: number;
}

export interface ParticipantsRepo {
  /** 'exists' when the participant id is taken (nothing is written then). */
  createParticipant(profile: ParticipantProfile, identity: ParticipantIdentity): Promise<'created' | 'exists'>;
  getProfile(participantId: string): Promise<ParticipantProfile | undefined>;
  /** Saves `profile` (whose version must be expectedVersion + 1); false if someone saved first. */
  saveProfile(profile: ParticipantProfile, expectedVersion: number): Promise<boolean>;
  getIdentity(participantId: string): Promise<ParticipantIdentity | undefined>;

  isAssigned(adviserSub: string, participantId: string): Promise<boolean>;
  assignAdviser(participantId: string, adviserSub: string, municipality: string, at: string): Promise<void>;
  unassignAdviser(participantId: string, adviserSub: string): Promise<void>;
  listAssigned(adviserSub: string): Promise<string[]>;
  listAdvisers(participantId: string): Promise<string[]>;

  putKioskCredential(credential: KioskCredential): Promise<void>;
  findKioskCredential(municipality: string, kind: CredentialKind, secretHash: string): Promise<KioskCredential | undefined>;

  /** 'exists' when the device id is taken. */
  registerDevice(device: Device): Promise<'created' | 'exists'>;
  getDevice(deviceId: string): Promise<Device | undefined>;

  getPolicy(municipality: string): Promise<MunicipalityPolicy | undefined>;
  /** Saves a policy whose version must be expectedVersion + 1 (0 = none yet); false if someone saved first. */
  savePolicy(policy: MunicipalityPolicy, expectedVersion: number): Promise<boolean>;

  getAttempts(scope: string, key: string, nowSeconds: number): Promise<AttemptCounter | undefined>;
  recordFailedAttempt(scope: string, key: string, nowSeconds: number, windowSeconds: number): Promise<AttemptCounter>;
  clearAttempts(scope: string, key: string): Promise<void>;
}

/** The stored form of a card number or QR token. */
export function credentialSecretHash(kind: CredentialKind, secret: string): string {
  return createHash('sha256').update(`${kind}:${secret}`).digest('hex');
}

const profileKey = (pid: string) => ({ pk: `P#${pid}`, sk: 'PROFILE' });
const identityKey = (pid: string) => ({ pk: `P#${pid}`, sk: 'IDENTITY' });
const assignmentKey = (sub: string, pid: string) => ({ pk: `ADVISER#${sub}`, sk: `P#${pid}` });
const credentialKey = (m: string, kind: CredentialKind, hash: string) => ({ pk: `CRED#${m}#${kind}#${hash}`, sk: 'CREDENTIAL' });
const deviceKey = (id: string) => ({ pk: `DEVICE#${id}`, sk: 'DEVICE' });
const policyKey = (m: string) => ({ pk: `M#${m}`, sk: 'POLICY' });
const attemptsKey = (scope: string, key: string) => ({ pk: `ATTEMPTS#${scope}#${key}`, sk: 'ATTEMPTS' });

function strip<T>(item: Record<string, unknown> | undefined, drop: readonly string[] = []): T | undefined {
  if (item === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!['pk', 'sk', 'gsi1pk', 'gsi1sk', 'expiresAt', ...drop].includes(k)) out[k] = v;
  return out as T;
}

export class DynamoParticipantsRepo implements ParticipantsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async createParticipant(profile: ParticipantProfile, identity: ParticipantIdentity): Promise<'created' | 'exists'> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...profileKey(profile.participantId), gsi1pk: `M#${profile.municipality}#P`, gsi1sk: `P#${profile.participantId}`, ...profile },
                // A participant id is created once: never overwrite another participant's file.
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: { ...identityKey(identity.participantId), ...identity },
                // Same guarantee for the identity item, written in the same transaction.
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return 'created';
    } catch (err) {
      if (isTransactionConditionFailed(err)) return 'exists';
      throw err;
    }
  }

  async getProfile(participantId: string): Promise<ParticipantProfile | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: profileKey(participantId), ConsistentRead: true }));
    return strip<ParticipantProfile>(r.Item);
  }

  async saveProfile(profile: ParticipantProfile, expectedVersion: number): Promise<boolean> {
    if (profile.version !== expectedVersion + 1) throw new Error('saveProfile: version must be expectedVersion + 1');
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...profileKey(profile.participantId), gsi1pk: `M#${profile.municipality}#P`, gsi1sk: `P#${profile.participantId}`, ...profile },
          // Optimistic concurrency: only the writer who read `expectedVersion` may replace it.
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  }

  async getIdentity(participantId: string): Promise<ParticipantIdentity | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: identityKey(participantId), ConsistentRead: true }));
    return strip<ParticipantIdentity>(r.Item);
  }

  async isAssigned(adviserSub: string, participantId: string): Promise<boolean> {
    // Strongly consistent on purpose: a removed assignment must stop access at once.
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: assignmentKey(adviserSub, participantId), ConsistentRead: true }));
    return r.Item !== undefined;
  }

  async assignAdviser(participantId: string, adviserSub: string, municipality: string, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...assignmentKey(adviserSub, participantId), gsi1pk: `P#${participantId}#ADVISERS`, gsi1sk: `ADVISER#${adviserSub}`, participantId, adviserSub, municipality, assignedAt: at },
      }),
    );
  }

  async unassignAdviser(participantId: string, adviserSub: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: assignmentKey(adviserSub, participantId) }));
  }

  async listAssigned(adviserSub: string): Promise<string[]> {
    const out: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': `ADVISER#${adviserSub}`, ':p': 'P#' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of r.Items ?? []) out.push(String(item.participantId));
      start = r.LastEvaluatedKey;
    } while (start !== undefined);
    return out;
  }

  async listAdvisers(participantId: string): Promise<string[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `P#${participantId}#ADVISERS` },
      }),
    );
    return (r.Items ?? []).map((i) => String(i.adviserSub));
  }

  async putKioskCredential(c: KioskCredential): Promise<void> {
    // Unconditional: issuing a card again replaces its PIN (the adviser's act).
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...credentialKey(c.municipality, c.kind, c.secretHash), gsi1pk: `P#${c.participantId}#CREDENTIALS`, gsi1sk: `${c.kind}#${c.secretHash}`, ...c },
      }),
    );
  }

  async findKioskCredential(municipality: string, kind: CredentialKind, secretHash: string): Promise<KioskCredential | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: credentialKey(municipality, kind, secretHash), ConsistentRead: true }));
    return strip<KioskCredential>(r.Item);
  }

  async registerDevice(d: Device): Promise<'created' | 'exists'> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...deviceKey(d.deviceId), gsi1pk: `M#${d.municipality}#DEVICES`, gsi1sk: `DEVICE#${d.deviceId}`, ...d },
          // A device id names one kiosk: registering it again must not move it to another municipality.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (err) {
      if (isConditionFailed(err)) return 'exists';
      throw err;
    }
  }

  async getDevice(deviceId: string): Promise<Device | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: deviceKey(deviceId), ConsistentRead: true }));
    return strip<Device>(r.Item);
  }

  async getPolicy(municipality: string): Promise<MunicipalityPolicy | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: policyKey(municipality), ConsistentRead: true }));
    return strip<MunicipalityPolicy>(r.Item);
  }

  async savePolicy(policy: MunicipalityPolicy, expectedVersion: number): Promise<boolean> {
    if (policy.version !== expectedVersion + 1) throw new Error('savePolicy: version must be expectedVersion + 1');
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...policyKey(policy.municipality), ...policy },
          // Version 1 is created once; later versions replace exactly the version the writer read.
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
          ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  }

  async getAttempts(scope: string, key: string, nowSeconds: number): Promise<AttemptCounter | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: attemptsKey(scope, key), ConsistentRead: true }));
    const item = r.Item;
    // TTL deletion is lazy (up to days): an expired counter is treated as gone.
    if (item === undefined || Number(item.expiresAt) <= nowSeconds) return undefined;
    return { failures: Number(item.failures), expiresAt: Number(item.expiresAt) };
  }

  async recordFailedAttempt(scope: string, key: string, nowSeconds: number, windowSeconds: number): Promise<AttemptCounter> {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const r = await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: attemptsKey(scope, key),
            UpdateExpression: 'ADD failures :one',
            // Counts into the live window only; an expired (or missing) counter is restarted below.
            ConditionExpression: 'expiresAt > :now',
            ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { failures: Number(r.Attributes!.failures), expiresAt: Number(r.Attributes!.expiresAt) };
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...attemptsKey(scope, key), failures: 1, expiresAt: nowSeconds + windowSeconds },
            // Starts a new window only if none is live, so two concurrent failures never reset each other.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': nowSeconds },
          }),
        );
        return { failures: 1, expiresAt: nowSeconds + windowSeconds };
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    }
    throw new Error('recordFailedAttempt: contention did not settle');
  }

  async clearAttempts(scope: string, key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: attemptsKey(scope, key) }));
  }
}
