/**
 * The participant's file (Participants table): profile with the latest facts,
 * the fact history, identity, whether the participant's own access is open,
 * and registration. Names and national ids live in the identity item only, so
 * reading the facts the rules need never reads a name.
 *
 * The Participants table holds other stores beside this one, each in its own
 * file: adviser assignments (assignments-repo.ts), kiosk credentials
 * (kiosk-credentials-repo.ts), kiosk devices (kiosk-devices-repo.ts), the
 * municipality policy (policy-repo.ts), PIN attempts and identifications
 * (kiosk-repo.ts), activation codes and bound phones (device-bindings-repo.ts),
 * NIR registrations (reports-repo.ts).
 *
 * Key layout of this store (pk / sk; gsi1pk / gsi1sk):
 *   P#<pid>             / PROFILE  ; M#<muni>#P / P#<pid>     facts, schedule, version
 *   P#<pid>             / IDENTITY                           given/family name, national id
 *   P#<pid>             / FACTS#<version, 10 digits>         a change of the rule facts, effective-dated (immutable)
 *   P#<pid>             / ACCESS                             whether an admin has closed the participant's own access, with version
 *   P#<pid>             / ACCESS#<version, 10 digits>        every change of it (immutable)
 *   NID#<muni>#<sha256> / NATIONAL_ID                        one participant per national id and municipality
 *   REQ#<muni>#<requestId> / REGISTRATION                    a registration request (idempotency)
 */
import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { accessStatusOf, type AccessStatus } from '../domain/participant-access.js';
import { factsOf, factsOn, type FactChange, type ParticipantFacts } from '../domain/participant-facts.js';
import type { Schedule } from '../domain/schedule/schedule.js';
import { advisersKey, assignmentItem } from './assignments-repo.js';
import {
  backoff,
  batchGetAll,
  failedConditions,
  getRecord,
  isTransactionConflict,
  putIf,
  putVersioned,
  queryPrefix,
  requireNextVersion,
  sortableNumber,
  transactIf,
  transactUnlessExists,
  withoutKeys,
  type TransactItem,
} from './dynamo.js';

export type { FactChange, ParticipantFacts } from '../domain/participant-facts.js';
export type { AccessStatus } from '../domain/participant-access.js';

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

/** A change of the participant's own access (shared/domain/participant-access.ts). */
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

/**
 * What an app check-in needs of the file, in one read (shared/adapters/file-checks.ts): the access
 * check's answer and the identity's given name for the receipt's initial (undefined: no identity item).
 */
export interface CheckinFile extends ParticipantAccess {
  givenName: string | undefined;
}

/** Told after every write of this repository that can change a file check's answer (file-checks.ts forgets the participant). */
export type FileChanged = (participantId: string) => void;

/** Runs `write`, then tells `changed` (after, so no read made before the write is kept as the new answer; also when it failed or threw). */
export async function changingFile<T>(changed: FileChanged, participantId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    changed(participantId);
  }
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

export interface ParticipantFilesRepo {
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
  /** participantAccess and the given name, in the same one consistent read (undefined: no file). */
  checkinFile(participantId: string): Promise<CheckinFile | undefined>;
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
}

/** The stored form of a national id in the uniqueness item (the identity item holds the id itself). */
export function nationalIdHash(nationalId: string): string {
  return createHash('sha256').update(`NID:${nationalId}`).digest('hex');
}

const profileKey = (pid: string) => ({ pk: `P#${pid}`, sk: 'PROFILE' });
const identityKey = (pid: string) => ({ pk: `P#${pid}`, sk: 'IDENTITY' });
const factsKey = (pid: string, version: number) => ({ pk: `P#${pid}`, sk: `FACTS#${sortableNumber(version)}` });
const nationalIdKey = (m: string, nationalId: string) => ({ pk: `NID#${m}#${nationalIdHash(nationalId)}`, sk: 'NATIONAL_ID' });
const requestKey = (m: string, requestId: string) => ({ pk: `REQ#${m}#${requestId}`, sk: 'REGISTRATION' });
const accessKey = (pid: string) => ({ pk: `P#${pid}`, sk: 'ACCESS' });
const accessVersionKey = (pid: string, version: number) => ({ pk: `P#${pid}`, sk: `ACCESS#${sortableNumber(version)}` });
/** A profile exists from its creation on, so a save replaces exactly the version its writer read (no version 0). */
const profileVersionCondition = (expectedVersion: number) => ({ ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } });
/** The profile item: keyed by participant, listed by municipality. */
const profileItem = (p: ParticipantProfile) => ({ ...profileKey(p.participantId), gsi1pk: `M#${p.municipality}#P`, gsi1sk: `P#${p.participantId}`, ...p });

/** The file's municipality and access status from its PROFILE and ACCESS items (no PROFILE: no file). */
function accessOf(items: readonly Record<string, unknown>[]): ParticipantAccess | undefined {
  const municipality = items.find((i) => i.sk === 'PROFILE')?.municipality;
  if (typeof municipality !== 'string') return undefined;
  return { municipality, status: accessStatusOf(items.find((i) => i.sk === 'ACCESS')) };
}

export class DynamoParticipantFilesRepo implements ParticipantFilesRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly changed: FileChanged = () => undefined,
  ) {}

  private changing<T>(participantId: string, write: () => Promise<T>): Promise<T> {
    return changingFile(this.changed, participantId, write);
  }

  createParticipant(profile: ParticipantProfile, identity: ParticipantIdentity): Promise<'created' | 'exists'> {
    return this.changing(profile.participantId, () => this.create(profile, identity));
  }

  private async create(profile: ParticipantProfile, identity: ParticipantIdentity): Promise<'created' | 'exists'> {
    const created = await transactUnlessExists(this.db, [
      // A participant id is created once: never overwrite another participant's file.
      { Put: { TableName: this.table, Item: profileItem(profile), ConditionExpression: 'attribute_not_exists(pk)' } },
      // Same guarantee for the identity item, written in the same transaction.
      { Put: { TableName: this.table, Item: { ...identityKey(identity.participantId), ...identity }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
    return created ? 'created' : 'exists';
  }

  async getProfile(participantId: string): Promise<ParticipantProfile | undefined> {
    return getRecord<ParticipantProfile>(this.db, this.table, profileKey(participantId));
  }

  async saveProfile(profile: ParticipantProfile, expectedVersion: number): Promise<boolean> {
    requireNextVersion('saveProfile', profile, expectedVersion);
    // Optimistic concurrency: only the writer who read `expectedVersion` may replace it.
    return this.changing(profile.participantId, () => putIf(this.db, { TableName: this.table, Item: profileItem(profile), ...profileVersionCondition(expectedVersion) }));
  }

  async getIdentity(participantId: string): Promise<ParticipantIdentity | undefined> {
    return getRecord<ParticipantIdentity>(this.db, this.table, identityKey(participantId));
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
    return accessOf(items);
  }

  async checkinFile(participantId: string): Promise<CheckinFile | undefined> {
    // The same consistent BatchGet with the identity item's given name only (no family name, no national id):
    // one round trip answers the check-in's file check and its receipt's initial.
    const items = await batchGetAll(this.db, this.table, [profileKey(participantId), accessKey(participantId), identityKey(participantId)], 'checkinFile', {
      expression: 'sk, municipality, #s, givenName',
      names: { '#s': 'status' },
    });
    const access = accessOf(items);
    if (access === undefined) return undefined;
    const identity = items.find((i) => i.sk === 'IDENTITY');
    return { ...access, givenName: identity === undefined ? undefined : typeof identity.givenName === 'string' ? identity.givenName : '' };
  }

  async getAccessState(participantId: string): Promise<AccessState | undefined> {
    return getRecord<AccessState>(this.db, this.table, accessKey(participantId));
  }

  async saveAccessState(state: AccessState, expectedVersion: number): Promise<boolean> {
    requireNextVersion('saveAccessState', state, expectedVersion);
    // Two admins at once: only the one who read `expectedVersion` writes. Every change is kept: who closed or reopened the file, when and why.
    return this.changing(state.participantId, () =>
      putVersioned(this.db, this.table, { current: accessKey(state.participantId), history: accessVersionKey(state.participantId, state.version) }, state, expectedVersion),
    );
  }

  /**
   * The one transaction that spans two stores of the table: the file and the
   * registering adviser's assignment (assignments-repo.ts lends its item
   * shapes). All or nothing, so a participant is never registered without an
   * adviser who can see them, and an assignment never names a file that does
   * not exist.
   */
  registerParticipant(reg: Registration): Promise<RegistrationResult> {
    return this.changing(reg.profile.participantId, () => this.register(reg));
  }

  private async register(reg: Registration): Promise<RegistrationResult> {
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
      { Put: { TableName: this.table, Item: profileItem(profile), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.table, Item: { ...identityKey(pid), ...identity }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.table, Item: { ...factsKey(pid, baseline.version), ...baseline }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.table, Item: assignmentItem(reg.adviserSub, pid, m, reg.at) } },
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
        await backoff(attempt + 1, 20);
      }
    }
  }

  async getRegistrationRequest(municipality: string, requestId: string): Promise<RegistrationRequest | undefined> {
    return getRecord<RegistrationRequest>(this.db, this.table, requestKey(municipality, requestId));
  }

  async nationalIdHolder(municipality: string, nationalId: string): Promise<string | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: nationalIdKey(municipality, nationalId), ConsistentRead: true }));
    const pid = r.Item?.participantId;
    return typeof pid === 'string' ? pid : undefined;
  }

  async indexNationalId(municipality: string, nationalId: string, participantId: string): Promise<boolean> {
    return putIf(this.db, {
      TableName: this.table,
      Item: { ...nationalIdKey(municipality, nationalId), participantId, municipality },
      // Idempotent for the same participant; never takes the number from another one.
      ConditionExpression: 'attribute_not_exists(pk) OR participantId = :pid',
      ExpressionAttributeValues: { ':pid': participantId },
    });
  }

  async saveProfileWithFacts(profile: ParticipantProfile, expectedVersion: number, changes: readonly FactChange[]): Promise<boolean> {
    requireNextVersion('saveProfileWithFacts', profile, expectedVersion);
    return this.changing(profile.participantId, () => this.saveWithFacts(profile, expectedVersion, changes));
  }

  private saveWithFacts(profile: ParticipantProfile, expectedVersion: number, changes: readonly FactChange[]): Promise<boolean> {
    return transactIf(this.db, [
      // Optimistic concurrency: only the writer who read `expectedVersion` may replace it.
      { Put: { TableName: this.table, Item: profileItem(profile), ...profileVersionCondition(expectedVersion) } },
      // A fact change is written once and never replaced (the history the payroll reads).
      ...changes.map((c): TransactItem => ({ Put: { TableName: this.table, Item: { ...factsKey(c.participantId, c.version), ...c }, ConditionExpression: 'attribute_not_exists(pk)' } })),
    ]);
  }

  async listFactChanges(participantId: string): Promise<FactChange[]> {
    const items = await queryPrefix(this.db, this.table, `P#${participantId}`, 'FACTS#');
    return items.map((item) => withoutKeys<FactChange>(item, ['expiresAt']));
  }

  async getFactsOn(participantId: string, date: string): Promise<ParticipantFacts | undefined> {
    const changes = await this.listFactChanges(participantId);
    if (changes.length > 0) return factsOn(changes, date);
    // Files made before the history existed have one state: the profile's.
    const profile = await this.getProfile(participantId);
    return profile === undefined ? undefined : factsOf(profile);
  }
}
