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
 *   DEVICECLIENT#<clientId> / DEVICE                                          the kiosk whose OAuth client this is
 *   M#<muni>           / POLICY                                              municipality policy with version
 *   M#<muni>           / POLICY#<version, 10 digits>                         every saved policy version (immutable)
 *   P#<pid>            / FACTS#<version, 10 digits>                          a change of the rule facts, effective-dated
 *   P#<pid>            / ADVISERS                                            the assigned advisers' subs (consistent list)
 *   P#<pid>            / CREDENTIALS                                         the participant's card/QR hashes (consistent list)
 *   P#<pid>            / ACCESS                                              whether an admin has closed the participant's own access, with version
 *   P#<pid>            / ACCESS#<version, 10 digits>                         every change of it (immutable)
 *   NID#<muni>#<sha256> / NATIONAL_ID                                        one participant per national id and municipality
 *   REQ#<muni>#<requestId> / REGISTRATION                                    a registration request (idempotency)
 *   ATTEMPTS#… and IDENT#…: attempt counters and identifications (kiosk-repo.ts)
 *
 * Assignments are keyed by adviser so "is this adviser assigned?" and "whom is
 * this adviser assigned?" are strongly consistent reads: removing an
 * assignment takes effect on the next request (quality.md S4).
 */
import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../contract/roles.js';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ParticipantFacts } from '../domain/participant-facts.js';
import type { MissingCheckoutPolicy } from '../domain/attendance/presence.js';
import type { PayrollSettings } from '../domain/payroll/correction-window.js';
import type { PolicyOverrides } from '../domain/policy.js';
import type { Schedule } from '../domain/schedule/schedule.js';
import { batchGetAll, isConditionFailed, isTransactionConditionFailed, queryAll, failedConditions, lostRace, withoutKeys, isTransactionConflict } from './dynamo.js';

/** The facts the rules read (benefit-rules.md §§ 2–6; case-format.md `participant`). */
export type { ParticipantFacts } from '../domain/participant-facts.js';

export const FACT_KEYS = ['birthDate', 'regime', 'livesWithParent', 'coupleReduction', 'children', 'soleCarer', 'programStart', 'enrolments', 'unpaidLeave'] as const satisfies readonly (keyof ParticipantFacts)[];

/**
 * One change of the facts, kept for ever (benefit-rules.md §2: facts are read
 * as they stand on the 1st of the month, so the payroll needs their history).
 * The profile item holds the latest values; these items say from when each applies.
 */
export interface FactChange {
  participantId: string;
  /** The profile version this change produced; changes apply in this order. */
  version: number;
  /** First date the change applies (a 1st of a month); null: every month (the facts at registration). */
  effectiveFrom: string | null;
  /** Only the facts that changed, with their new values (all of them for the registration). */
  changes: Partial<ParticipantFacts>;
  changedAt: string;
  /** Pseudonymous staff ref (never a name). */
  changedByRef: string;
  changedByRole: Role;
}

export interface ParticipantProfile extends ParticipantFacts {
  participantId: string;
  municipality: string;
  /** Pseudonymous reference for the municipality's payroll system (set at registration). */
  payrollRef?: string;
  schedule: Schedule;
  /** The participant's language for the pages and the kiosk (shared/contract/languages.ts); absent: nb. */
  language?: string;
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

/**
 * Whether the participant may use their own login (the participant routes).
 * CLOSED is an admin's act (a wrongly made account, a login that must stop);
 * leaving the programme is not: a participant whose enrolment has ended still
 * reads their decisions and explanations (their right to complain).
 */
export type AccessStatus = 'OPEN' | 'CLOSED';

export interface AccessState {
  participantId: string;
  status: AccessStatus;
  /** 1 for the first change; a file that was never changed is OPEN at version 0. */
  version: number;
  reason: string;
  changedAt: string;
  /** Pseudonymous ref of the admin (never a name). */
  changedByRef: string;
}

/** What every participant request checks: no personal data. */
export interface ParticipantAccess {
  municipality: string;
  status: AccessStatus;
}

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
  /** `deviceSecretHash` of the device's own credential (POST /devices); the secret itself is never stored. Local issuer only: on AWS Cognito keeps the client secret. */
  credentialHash?: string;
  /** The OAuth client the kiosk exchanges its secret with (client-credentials grant); absent for devices made before clients existed. */
  clientId?: string;
  /** Pseudonymous ref of the admin who registered it. */
  registeredByRef?: string;
  deactivatedAt?: string;
  /** Pseudonymous ref of the admin who deactivated it. */
  deactivatedByRef?: string;
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
  /** The payroll run's settings (absent on policies saved before they existed: the defaults apply). */
  payroll?: PayrollSettings;
  /** Where complaints are sent, as every explanation names it (functions/policy-update/schema.ts); absent or null: not given. */
  complaintAddress?: string | null;
  version: number;
  /** `policyVersion(...)` of the effective benefit policy (shared/domain/policy.ts). */
  policyVersion?: string;
  /** Pseudonymous ref of who saved it. */
  updatedByRef?: string;
  updatedAt: string;
}

/** Everything a registration writes, in one transaction. */
export interface Registration {
  profile: ParticipantProfile;
  identity: ParticipantIdentity;
  /** The facts at registration: version 1, effectiveFrom null. */
  baseline: FactChange;
  /** The registering adviser, assigned at once. */
  adviserSub: string;
  requestId: string;
  requestHash: string;
  at: string;
}

export interface RegistrationRequest {
  municipality: string;
  requestId: string;
  requestHash: string;
  participantId: string;
  payrollRef: string;
  registeredAt: string;
}

export type RegistrationResult = 'created' | 'request-exists' | 'national-id-exists';

export interface NewKioskCredential {
  kind: CredentialKind;
  secretHash: string;
}

export type CredentialsResult = 'saved' | 'in-use' | 'changed';

/** One ConditionCheck item of a TransactWriteItems request. */
export type TransactCondition = { ConditionCheck: NonNullable<NonNullable<TransactWriteCommandInput['TransactItems']>[number]['ConditionCheck']> };

export interface ParticipantsRepo {
  /** 'exists' when the participant id is taken (nothing is written then). */
  createParticipant(profile: ParticipantProfile, identity: ParticipantIdentity): Promise<'created' | 'exists'>;
  getProfile(participantId: string): Promise<ParticipantProfile | undefined>;
  /** Saves `profile` (whose version must be expectedVersion + 1); false if someone saved first. */
  saveProfile(profile: ParticipantProfile, expectedVersion: number): Promise<boolean>;
  getIdentity(participantId: string): Promise<ParticipantIdentity | undefined>;
  /** The participant's municipality only (no personal data), or undefined if there is no such participant. */
  municipalityOf(participantId: string): Promise<string | undefined>;
  /** The file's municipality and access status (strongly consistent), or undefined if there is no file. */
  participantAccess(participantId: string): Promise<ParticipantAccess | undefined>;
  /**
   * Condition checks for a caller's transaction that hold exactly when
   * participantAccess would answer "OPEN in `municipality`", so a write can
   * carry the file check instead of reading it first.
   */
  openFileConditions(participantId: string, municipality: string): TransactCondition[];
  /** The latest access change, or undefined if the access was never changed (OPEN). */
  getAccessState(participantId: string): Promise<AccessState | undefined>;
  /** Saves `state` (version expectedVersion + 1) and its history item; false if another change won. */
  saveAccessState(state: AccessState, expectedVersion: number): Promise<boolean>;

  /**
   * Registers a participant: profile, identity, baseline facts, the adviser's
   * assignment, the national-id uniqueness item and the request item, all or
   * nothing. 'request-exists' / 'national-id-exists': nothing was written.
   */
  registerParticipant(r: Registration): Promise<RegistrationResult>;
  getRegistrationRequest(municipality: string, requestId: string): Promise<RegistrationRequest | undefined>;
  /** The participant registered with this national id in the municipality (the uniqueness item), if any. */
  nationalIdHolder(municipality: string, nationalId: string): Promise<string | undefined>;
  /**
   * Writes the national-id item for a participant made without registration
   * (the demo seed's files): the sign-in token step finds files through it.
   * False when another participant holds the number (nothing written).
   */
  indexNationalId(municipality: string, nationalId: string, participantId: string): Promise<boolean>;
  /** Saves the profile (version expectedVersion + 1) and its fact changes together; false if someone saved first. */
  saveProfileWithFacts(profile: ParticipantProfile, expectedVersion: number, changes: readonly FactChange[]): Promise<boolean>;
  /** The participant's fact changes, in version order (empty for files made before the history existed). */
  listFactChanges(participantId: string): Promise<FactChange[]>;
  /** The facts as they stood on `date` (the payroll reads the 1st of the month). */
  getFactsOn(participantId: string, date: string): Promise<ParticipantFacts | undefined>;

  isAssigned(adviserSub: string, participantId: string): Promise<boolean>;
  assignAdviser(participantId: string, adviserSub: string, municipality: string, at: string): Promise<void>;
  unassignAdviser(participantId: string, adviserSub: string): Promise<void>;
  listAssigned(adviserSub: string): Promise<string[]>;
  listAdvisers(participantId: string): Promise<string[]>;
  /**
   * Replaces the participant's adviser assignment with exactly `adviserSubs`
   * (removed advisers lose access on their next request); returns the previous
   * set, or 'changed' if a concurrent change won (nothing written).
   */
  setAdvisers(participantId: string, municipality: string, adviserSubs: readonly string[], at: string): Promise<{ previous: string[] } | 'changed'>;

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

  /** 'exists' when the device id (or its client id) is taken; nothing is written then. */
  registerDevice(device: Device): Promise<'created' | 'exists'>;
  getDevice(deviceId: string): Promise<Device | undefined>;
  /** The device whose OAuth client this is (the kiosk authorizer and the local token endpoint). */
  getDeviceByClientId(clientId: string): Promise<Device | undefined>;
  /** Marks a device of `municipality` inactive (once; later calls return it as it is); undefined if there is no such device there. */
  deactivateDevice(deviceId: string, municipality: string, at: string, byRef: string): Promise<Device | undefined>;

  getPolicy(municipality: string): Promise<MunicipalityPolicy | undefined>;
  /**
   * Saves a policy whose version must be expectedVersion + 1 (0 = none yet),
   * and keeps the version as an immutable history item; false if someone saved first.
   */
  savePolicy(policy: MunicipalityPolicy, expectedVersion: number): Promise<boolean>;
  /** A saved version of the municipality's policy. */
  getPolicyVersion(municipality: string, version: number): Promise<MunicipalityPolicy | undefined>;
}

/** The stored form of a national id in the uniqueness item (the identity item holds the id itself). */
export function nationalIdHash(nationalId: string): string {
  return createHash('sha256').update(`NID:${nationalId}`).digest('hex');
}

/**
 * The facts on `date` from a participant's changes: every change in force
 * then (effectiveFrom null or on/before the date), applied in version order,
 * so a later correction overrides what it names from its effectiveFrom on.
 * Undefined when the changes do not yet name every fact (no baseline).
 */
export function factsOn(changes: readonly FactChange[], date: string): ParticipantFacts | undefined {
  const facts: Partial<ParticipantFacts> = {};
  for (const c of [...changes].sort((a, b) => a.version - b.version)) if (c.effectiveFrom === null || c.effectiveFrom <= date) Object.assign(facts, c.changes);
  return FACT_KEYS.every((k) => facts[k] !== undefined) ? (facts as ParticipantFacts) : undefined;
}

export function factsOf(profile: ParticipantFacts): ParticipantFacts {
  return {
    birthDate: profile.birthDate,
    regime: profile.regime,
    livesWithParent: profile.livesWithParent,
    coupleReduction: profile.coupleReduction,
    children: profile.children,
    soleCarer: profile.soleCarer,
    programStart: profile.programStart,
    enrolments: profile.enrolments,
    unpaidLeave: profile.unpaidLeave,
  };
}

/**
 * The stored form of a kiosk device's secret. One sha256 is enough here (unlike
 * PINs): the secret is 256 random bits, so there is nothing to guess.
 */
export function deviceSecretHash(secret: string): string {
  return createHash('sha256').update(`DEVICE:${secret}`).digest('hex');
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
const deviceClientKey = (clientId: string) => ({ pk: `DEVICECLIENT#${clientId}`, sk: 'DEVICE' });
const pad10 = (n: number) => String(n).padStart(10, '0');
const factsKey = (pid: string, version: number) => ({ pk: `P#${pid}`, sk: `FACTS#${pad10(version)}` });
const advisersKey = (pid: string) => ({ pk: `P#${pid}`, sk: 'ADVISERS' });
const credentialsKey = (pid: string) => ({ pk: `P#${pid}`, sk: 'CREDENTIALS' });
const nationalIdKey = (m: string, nationalId: string) => ({ pk: `NID#${m}#${nationalIdHash(nationalId)}`, sk: 'NATIONAL_ID' });
const requestKey = (m: string, requestId: string) => ({ pk: `REQ#${m}#${requestId}`, sk: 'REGISTRATION' });
const policyVersionKey = (m: string, version: number) => ({ pk: `M#${m}`, sk: `POLICY#${pad10(version)}` });
const accessKey = (pid: string) => ({ pk: `P#${pid}`, sk: 'ACCESS' });
const accessVersionKey = (pid: string, version: number) => ({ pk: `P#${pid}`, sk: `ACCESS#${pad10(version)}` });

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

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
    return withoutKeys<ParticipantProfile>(r.Item, ['expiresAt']);
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
    return withoutKeys<ParticipantIdentity>(r.Item, ['expiresAt']);
  }

  async municipalityOf(participantId: string): Promise<string | undefined> {
    // Projection: answers "does it exist, and where" without reading any personal data.
    const r = await this.db.send(
      new GetCommand({ TableName: this.table, Key: profileKey(participantId), ConsistentRead: true, ProjectionExpression: '#m', ExpressionAttributeNames: { '#m': 'municipality' } }),
    );
    const m = r.Item?.municipality;
    return typeof m === 'string' ? m : undefined;
  }

  async participantAccess(participantId: string): Promise<ParticipantAccess | undefined> {
    // One consistent BatchGet of the two small items (every participant request pays for this, so one
    // round trip, not two): a file deleted or an access closed a moment ago counts at once.
    const items = await batchGetAll(this.db, this.table, [profileKey(participantId), accessKey(participantId)], 'participantAccess', {
      expression: 'sk, municipality, #s',
      names: { '#s': 'status' },
    });
    const municipality = items.find((i) => i.sk === 'PROFILE')?.municipality;
    if (typeof municipality !== 'string') return undefined;
    const access = items.find((i) => i.sk === 'ACCESS');
    // Anything but an explicit OPEN in a written access item is closed: a damaged item fails shut.
    return { municipality, status: access === undefined || access.status === 'OPEN' ? 'OPEN' : 'CLOSED' };
  }

  openFileConditions(participantId: string, municipality: string): TransactCondition[] {
    return [
      // The profile exists and is in the caller's municipality (a missing item fails the comparison).
      { ConditionCheck: { TableName: this.table, Key: profileKey(participantId), ConditionExpression: 'municipality = :m', ExpressionAttributeValues: { ':m': municipality } } },
      // No access item (never changed: OPEN) or an explicit OPEN; anything else is closed, as participantAccess reads it.
      { ConditionCheck: { TableName: this.table, Key: accessKey(participantId), ConditionExpression: 'attribute_not_exists(pk) OR #s = :open', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':open': 'OPEN' } } },
    ];
  }

  async getAccessState(participantId: string): Promise<AccessState | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: accessKey(participantId), ConsistentRead: true }));
    return withoutKeys<AccessState>(r.Item, ['expiresAt']);
  }

  async saveAccessState(state: AccessState, expectedVersion: number): Promise<boolean> {
    if (state.version !== expectedVersion + 1) throw new Error('saveAccessState: version must be expectedVersion + 1');
    // Two admins at once: only the one who read `expectedVersion` writes. Every change is kept: who closed or reopened the file, when and why.
    return this.saveVersioned(accessKey(state.participantId), accessVersionKey(state.participantId, state.version), state, expectedVersion);
  }

  async registerParticipant(reg: Registration): Promise<RegistrationResult> {
    const { profile, identity, baseline } = reg;
    const pid = profile.participantId;
    const m = profile.municipality;
    const request: RegistrationRequest = { municipality: m, requestId: reg.requestId, requestHash: reg.requestHash, participantId: pid, payrollRef: profile.payrollRef ?? '', registeredAt: reg.at };
    const items: TransactItem[] = [
      // 0: a request id registers once; a replay finds this item instead.
      { Put: { TableName: this.table, Item: { ...requestKey(m, reg.requestId), ...request }, ConditionExpression: 'attribute_not_exists(pk)' } },
      // 1: one participant per national id in a municipality.
      { Put: { TableName: this.table, Item: { ...nationalIdKey(m, identity.nationalId), participantId: pid, municipality: m }, ConditionExpression: 'attribute_not_exists(pk)' } },
      // 2–4: a participant id is created once: never overwrite another participant's file.
      { Put: { TableName: this.table, Item: { ...profileKey(pid), gsi1pk: `M#${m}#P`, gsi1sk: `P#${pid}`, ...profile }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.table, Item: { ...identityKey(pid), ...identity }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.table, Item: { ...factsKey(pid, baseline.version), ...baseline }, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: this.table,
          Item: { ...assignmentKey(reg.adviserSub, pid), gsi1pk: `P#${pid}#ADVISERS`, gsi1sk: `ADVISER#${reg.adviserSub}`, participantId: pid, adviserSub: reg.adviserSub, municipality: m, assignedAt: reg.at },
        },
      },
      { Put: { TableName: this.table, Item: { ...advisersKey(pid), advisers: [reg.adviserSub], version: 1, updatedAt: reg.at }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ];
    // A concurrent send of the same request may be mid-transaction on these
    // items (TransactionConflict): try again shortly, and the condition on
    // the request item then answers 'request-exists'.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'created';
      } catch (err) {
        const failed = failedConditions(err);
        if (failed.includes(0)) return 'request-exists';
        if (failed.includes(1)) return 'national-id-exists';
        if (!isTransactionConflict(err) || attempt >= 4) throw err;
        await new Promise((r) => setTimeout(r, 20 * (attempt + 1) + Math.floor(Math.random() * 20)));
      }
    }
  }

  async getRegistrationRequest(municipality: string, requestId: string): Promise<RegistrationRequest | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: requestKey(municipality, requestId), ConsistentRead: true }));
    return withoutKeys<RegistrationRequest>(r.Item, ['expiresAt']);
  }

  async nationalIdHolder(municipality: string, nationalId: string): Promise<string | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: nationalIdKey(municipality, nationalId), ConsistentRead: true }));
    const pid = r.Item?.participantId;
    return typeof pid === 'string' ? pid : undefined;
  }

  async indexNationalId(municipality: string, nationalId: string, participantId: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...nationalIdKey(municipality, nationalId), participantId, municipality },
          // Idempotent for the same participant; never takes the number from another one.
          ConditionExpression: 'attribute_not_exists(pk) OR participantId = :pid',
          ExpressionAttributeValues: { ':pid': participantId },
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  async saveProfileWithFacts(profile: ParticipantProfile, expectedVersion: number, changes: readonly FactChange[]): Promise<boolean> {
    if (profile.version !== expectedVersion + 1) throw new Error('saveProfileWithFacts: version must be expectedVersion + 1');
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: { ...profileKey(profile.participantId), gsi1pk: `M#${profile.municipality}#P`, gsi1sk: `P#${profile.participantId}`, ...profile },
          // Optimistic concurrency: only the writer who read `expectedVersion` may replace it.
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
      // A fact change is written once and never replaced (the history the payroll reads).
      ...changes.map((c): TransactItem => ({ Put: { TableName: this.table, Item: { ...factsKey(c.participantId, c.version), ...c }, ConditionExpression: 'attribute_not_exists(pk)' } })),
    ];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (err) {
      if (lostRace(err)) return false;
      throw err;
    }
  }

  async listFactChanges(participantId: string): Promise<FactChange[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :f)',
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':f': 'FACTS#' },
      ConsistentRead: true,
    });
    return items.map((item) => withoutKeys<FactChange>(item, ['expiresAt'])!);
  }

  async getFactsOn(participantId: string, date: string): Promise<ParticipantFacts | undefined> {
    const changes = await this.listFactChanges(participantId);
    if (changes.length > 0) return factsOn(changes, date);
    // Files made before the history existed have one state: the profile's.
    const profile = await this.getProfile(participantId);
    return profile === undefined ? undefined : factsOf(profile);
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
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': `ADVISER#${adviserSub}`, ':p': 'P#' },
      ConsistentRead: true,
    });
    return items.map((item) => String(item.participantId));
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

  async setAdvisers(participantId: string, municipality: string, adviserSubs: readonly string[], at: string): Promise<{ previous: string[] } | 'changed'> {
    const listItem = (await this.db.send(new GetCommand({ TableName: this.table, Key: advisersKey(participantId), ConsistentRead: true }))).Item;
    const listed = Array.isArray(listItem?.advisers) ? (listItem.advisers as unknown[]).map(String) : [];
    // The GSI is eventually consistent, so it only adds assignments made outside this list (older files, seeds).
    const current = [...new Set([...listed, ...(await this.listAdvisers(participantId))])].sort();
    const wanted = [...new Set(adviserSubs)].sort();
    const version = Number(listItem?.version ?? 0);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: { ...advisersKey(participantId), advisers: wanted, version: version + 1, updatedAt: at },
          // Two admins changing the assignment at once: only the one who read this version wins; the other retries.
          ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(version === 0 ? {} : { ExpressionAttributeValues: { ':v': version } }),
        },
      },
      ...current.filter((s) => !wanted.includes(s)).map((sub): TransactItem => ({ Delete: { TableName: this.table, Key: assignmentKey(sub, participantId) } })),
      ...wanted
        .filter((s) => !current.includes(s))
        .map(
          (sub): TransactItem => ({
            Put: {
              TableName: this.table,
              Item: { ...assignmentKey(sub, participantId), gsi1pk: `P#${participantId}#ADVISERS`, gsi1sk: `ADVISER#${sub}`, participantId, adviserSub: sub, municipality, assignedAt: at },
            },
          }),
        ),
    ];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return { previous: current };
    } catch (err) {
      if (lostRace(err)) return 'changed';
      throw err;
    }
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
    return withoutKeys<KioskCredential>(r.Item, ['expiresAt']);
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
    const next: Partial<Record<CredentialKind, string>> = { ...old };
    for (const c of credentials) next[c.kind] = c.secretHash;
    const mine = { ':pid': participantId };
    const items: TransactItem[] = credentials.map(
      (c): TransactItem => ({
        Put: {
          TableName: this.table,
          Item: { ...credentialKey(municipality, c.kind, c.secretHash), gsi1pk: `P#${participantId}#CREDENTIALS`, gsi1sk: `${c.kind}#${c.secretHash}`, municipality, kind: c.kind, secretHash: c.secretHash, participantId, pinHash, createdAt: at },
          // A card or QR identifies one participant in the municipality: never take another participant's.
          ConditionExpression: 'attribute_not_exists(pk) OR participantId = :pid',
          ExpressionAttributeValues: mine,
        },
      }),
    );
    for (const kind of ['CARD', 'QR'] as const) {
      const previous = old[kind];
      if (previous === undefined || previous === next[kind]) continue;
      if (credentials.some((c) => c.kind === kind))
        // Replaced: the old card or QR stops working (e.g. a lost card). Only ever this participant's own item.
        items.push({ Delete: { TableName: this.table, Key: credentialKey(municipality, kind, previous), ConditionExpression: 'attribute_not_exists(pk) OR participantId = :pid', ExpressionAttributeValues: mine } });
    }
    for (const kind of ['CARD', 'QR'] as const) {
      const kept = old[kind];
      if (kept === undefined || credentials.some((c) => c.kind === kind)) continue;
      // Kept: the participant has one PIN, so the other credential takes the new one too.
      items.push({
        Update: {
          TableName: this.table,
          Key: credentialKey(municipality, kind, kept),
          UpdateExpression: 'SET pinHash = :h',
          ConditionExpression: 'participantId = :pid',
          ExpressionAttributeValues: { ...mine, ':h': pinHash },
        },
      });
    }
    const listIndex = items.length;
    items.push({
      Put: {
        TableName: this.table,
        Item: { ...credentialsKey(participantId), ...next, version: version + 1, updatedAt: at },
        // The list item is the consistent record of the participant's credentials; concurrent changes: one wins.
        ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
        ...(version === 0 ? {} : { ExpressionAttributeValues: { ':v': version } }),
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
    return (['CARD', 'QR'] as const).flatMap((kind) => (hashes[kind] === undefined ? [] : [{ kind, secretHash: hashes[kind] }]));
  }

  async registerDevice(d: Device): Promise<'created' | 'exists'> {
    const device: TransactItem = {
      Put: {
        TableName: this.table,
        Item: { ...deviceKey(d.deviceId), gsi1pk: `M#${d.municipality}#DEVICES`, gsi1sk: `DEVICE#${d.deviceId}`, ...d },
        // A device id names one kiosk: registering it again must not move it to another municipality.
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    // The client pointer in the same transaction: a client id names one device, written once.
    const client: TransactItem[] =
      d.clientId === undefined ? [] : [{ Put: { TableName: this.table, Item: { ...deviceClientKey(d.clientId), deviceId: d.deviceId }, ConditionExpression: 'attribute_not_exists(pk)' } }];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [device, ...client] }));
      return 'created';
    } catch (err) {
      if (isTransactionConditionFailed(err)) return 'exists';
      throw err;
    }
  }

  async getDevice(deviceId: string): Promise<Device | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: deviceKey(deviceId), ConsistentRead: true }));
    return withoutKeys<Device>(r.Item, ['expiresAt']);
  }

  async getDeviceByClientId(clientId: string): Promise<Device | undefined> {
    const pointer = (await this.db.send(new GetCommand({ TableName: this.table, Key: deviceClientKey(clientId), ConsistentRead: true }))).Item;
    if (pointer === undefined) return undefined;
    const device = await this.getDevice(String(pointer.deviceId));
    // Both ways: the pointer and the device must name each other.
    return device?.clientId === clientId ? device : undefined;
  }

  async deactivateDevice(deviceId: string, municipality: string, at: string, byRef: string): Promise<Device | undefined> {
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: deviceKey(deviceId),
          UpdateExpression: 'SET active = :false, deactivatedAt = :at, deactivatedByRef = :by',
          // Only a device of the admin's municipality, and only once: the first deactivation's time and admin stay.
          ConditionExpression: 'attribute_exists(pk) AND municipality = :m AND active = :true',
          ExpressionAttributeValues: { ':false': false, ':true': true, ':at': at, ':by': byRef, ':m': municipality },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return withoutKeys<Device>(r.Attributes, ['expiresAt']);
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      const existing = await this.getDevice(deviceId);
      return existing?.municipality === municipality ? existing : undefined;
    }
  }

  async getPolicy(municipality: string): Promise<MunicipalityPolicy | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: policyKey(municipality), ConsistentRead: true }));
    return withoutKeys<MunicipalityPolicy>(r.Item, ['expiresAt']);
  }

  async savePolicy(policy: MunicipalityPolicy, expectedVersion: number): Promise<boolean> {
    if (policy.version !== expectedVersion + 1) throw new Error('savePolicy: version must be expectedVersion + 1');
    // Every version is kept: what a municipality's policy was at any time stays readable.
    return this.saveVersioned(policyKey(policy.municipality), policyVersionKey(policy.municipality, policy.version), policy, expectedVersion);
  }

  /**
   * Writes `item` as the current state (version 1 is created once; later versions replace exactly the
   * version the writer read) and as its history item (written once, never replaced), in one
   * transaction. false: another writer won, nothing was written.
   */
  private async saveVersioned(current: Record<string, string>, history: Record<string, string>, item: object, expectedVersion: number): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...current, ...item },
                ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
                ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
              },
            },
            { Put: { TableName: this.table, Item: { ...history, ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (lostRace(err)) return false;
      throw err;
    }
  }

  async getPolicyVersion(municipality: string, version: number): Promise<MunicipalityPolicy | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: policyVersionKey(municipality, version), ConsistentRead: true }));
    return withoutKeys<MunicipalityPolicy>(r.Item, ['expiresAt']);
  }
}
