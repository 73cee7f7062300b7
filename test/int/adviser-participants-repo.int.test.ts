/**
 * The Participants table's stores behind the adviser and admin routes
 * (participant files, assignments, kiosk credentials, policy), against
 * DynamoDB Local: the facts on a date from the effective-dated history,
 * registration all-or-nothing, the adviser list replacement, kiosk
 * credentials with one PIN, and what a TransactionConflict (another
 * transaction on the same items, which DynamoDB Local never produces but
 * DynamoDB does) turns into: a retry for a registration, a lost race (409)
 * for optimistic writes, never a server error.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamo.js';
import { FACTS, factChange as change } from '../support/participant-facts.js';
import type { ParticipantProfile, Registration } from '../../shared/adapters/participant-files-repo.js';
import { DynamoParticipantFilesRepo } from '../../shared/adapters/participant-files-repo.js';
import { DynamoAssignmentsRepo } from '../../shared/adapters/assignments-repo.js';
import { DynamoKioskCredentialsRepo } from '../../shared/adapters/kiosk-credentials-repo.js';
import { DynamoPolicyRepo } from '../../shared/adapters/policy-repo.js';
import { credentialSecretHash } from '../../shared/domain/attendance/kiosk-credentials.js';
import type { ApiDynamo } from '../support/api-dynamo.js';
import { startApiDynamo } from '../support/api-dynamo.js';

let db: ApiDynamo;
let doc: DynamoDBDocumentClient;
let repo: Stores;

/** The table's stores over one client. */
function stores(client: DynamoDBDocumentClient) {
  const table = db.tableName('participants');
  return {
    files: new DynamoParticipantFilesRepo(client, table),
    assignments: new DynamoAssignmentsRepo(client, table),
    credentials: new DynamoKioskCredentialsRepo(client, table),
    policies: new DynamoPolicyRepo(client, table),
  };
}
type Stores = ReturnType<typeof stores>;

function registration(pid: string, requestId: string, nationalId: string): Registration {
  const profile: ParticipantProfile = { participantId: pid, municipality: '5001', payrollRef: `pr-${pid}`, ...FACTS, schedule: { plans: [], exceptions: [] }, version: 1, updatedAt: '2026-10-01T00:00:00.000Z' };
  return {
    profile,
    identity: { participantId: pid, givenName: 'A', familyName: 'B', nationalId },
    baseline: { ...change(1, null, FACTS), participantId: pid },
    adviserSub: 'adviser-1',
    requestId,
    requestHash: `hash-${requestId}`,
    at: '2026-10-01T00:00:00.000Z',
  };
}

/** A client whose first `n` transactions are cancelled with TransactionConflict, as DynamoDB does under contention. */
function conflicting(n: number): DynamoDBDocumentClient {
  let left = n;
  return {
    send: (command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'TransactWriteCommand' && left > 0) {
        left--;
        const err = Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] });
        return Promise.reject(err);
      }
      return doc.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
}

beforeAll(async () => {
  db = await startApiDynamo('repo');
  doc = createDocumentClient({ region: 'eu-north-1', dynamoEndpoint: db.endpoint });
  repo = stores(doc);
});

afterAll(async () => {
  doc?.destroy();
  await db?.stop();
});

test('registration: all items or none; request id and national id once per municipality', async () => {
  expect(await repo.files.registerParticipant(registration('p-r1', 'req-1', '11111111111'))).toBe('created');
  const before = await db.count('participants');
  expect(await repo.files.registerParticipant(registration('p-r2', 'req-1', '22222222222'))).toBe('request-exists');
  expect(await repo.files.registerParticipant(registration('p-r3', 'req-3', '11111111111'))).toBe('national-id-exists');
  expect(await db.count('participants')).toBe(before);
  expect(await repo.files.getRegistrationRequest('5001', 'req-1')).toMatchObject({ participantId: 'p-r1', payrollRef: 'pr-p-r1', requestHash: 'hash-req-1' });
  expect(await repo.files.getFactsOn('p-r1', '2026-10-01')).toEqual(FACTS);
  expect(await repo.assignments.listAdvisers('p-r1')).toEqual(['adviser-1']);
  expect(await repo.files.municipalityOf('p-r1')).toBe('5001');
  expect(await repo.files.municipalityOf('p-none')).toBeUndefined();
});

test('TransactionConflict: a registration is retried; optimistic writes report a lost race instead of failing', async () => {
  const contended = stores(conflicting(2));
  expect(await contended.files.registerParticipant(registration('p-c1', 'req-c1', '33333333333'))).toBe('created');
  await expect(stores(conflicting(10)).files.registerParticipant(registration('p-c2', 'req-c2', '44444444444'))).rejects.toMatchObject({
    name: 'TransactionCanceledException',
  });

  const profile = (await repo.files.getProfile('p-c1'))!;
  const once = () => stores(conflicting(1));
  expect(await once().files.saveProfileWithFacts({ ...profile, children: 5, version: 2 }, 1, [{ ...change(2, null, { children: 5 }), participantId: 'p-c1' }])).toBe(false);
  expect(await once().assignments.setAdvisers('p-c1', '5001', ['adviser-2'], '2026-10-02T00:00:00.000Z')).toBe('changed');
  expect(await once().credentials.setKioskCredentials('p-c1', '5001', [{ kind: 'CARD', secretHash: credentialSecretHash('CARD', 'C1') }], 'scrypt$x', '2026-10-02T00:00:00.000Z')).toBe('changed');
  expect(await once().policies.savePolicy({ municipality: '5001', benefit: {}, attendance: { replayWindowHours: 72, missingCheckout: 'END_OF_SESSION' }, version: 1, updatedAt: '2026-10-02T00:00:00.000Z' }, 0)).toBe(false);
  // Nothing of it was written.
  expect((await repo.files.getProfile('p-c1'))?.version).toBe(1);
  expect(await repo.credentials.listKioskCredentialKinds('p-c1')).toEqual([]);
  expect(await repo.policies.getPolicy('5001')).toBeUndefined();
});

test('adviser list: replaced exactly, older assignments outside the list (seeds) included, stale writers lose', async () => {
  await repo.files.registerParticipant(registration('p-a', 'req-a', '55555555555'));
  await repo.assignments.assignAdviser('p-a', 'adviser-seeded', '5001', '2026-10-01T00:00:00.000Z');
  expect(await repo.assignments.setAdvisers('p-a', '5001', ['adviser-2', 'adviser-3'], '2026-10-02T00:00:00.000Z')).toEqual({ previous: ['adviser-1', 'adviser-seeded'] });
  expect(await repo.assignments.isAssigned('adviser-1', 'p-a')).toBe(false);
  expect(await repo.assignments.isAssigned('adviser-seeded', 'p-a')).toBe(false);
  expect(await repo.assignments.isAssigned('adviser-3', 'p-a')).toBe(true);
  expect(await repo.assignments.listAssigned('adviser-2')).toEqual(['p-a']);
});

test('kiosk credentials: one PIN for card and QR; a new card replaces the old; another participant’s card is refused', async () => {
  await repo.files.registerParticipant(registration('p-k', 'req-k', '66666666666'));
  await repo.files.registerParticipant(registration('p-k2', 'req-k2', '77777777777'));
  const card = (s: string) => ({ kind: 'CARD' as const, secretHash: credentialSecretHash('CARD', s) });
  const qr = (s: string) => ({ kind: 'QR' as const, secretHash: credentialSecretHash('QR', s) });
  expect(await repo.credentials.setKioskCredentials('p-k', '5001', [card('K1'), qr('Q1')], 'pin-1', 'T1')).toBe('saved');
  expect(await repo.credentials.setKioskCredentials('p-k', '5001', [card('K2')], 'pin-2', 'T2')).toBe('saved');
  expect(await repo.credentials.findKioskCredential('5001', 'CARD', card('K1').secretHash)).toBeUndefined();
  expect((await repo.credentials.findKioskCredential('5001', 'CARD', card('K2').secretHash))?.pinHash).toBe('pin-2');
  expect((await repo.credentials.findKioskCredential('5001', 'QR', qr('Q1').secretHash))?.pinHash).toBe('pin-2');
  expect(await repo.credentials.setKioskCredentials('p-k2', '5001', [card('K2')], 'pin-3', 'T3')).toBe('in-use');
  expect(await repo.credentials.listKioskCredentialKinds('p-k2')).toEqual([]);
  expect(await repo.credentials.listKioskCredentialKinds('p-k')).toEqual(['CARD', 'QR']);
});

test('policy versions: each saved once and kept; a stale writer loses', async () => {
  const policy = (version: number, days: number) => ({ municipality: '0301', benefit: { documentationDeadlineDays: days }, attendance: { replayWindowHours: 72, missingCheckout: 'END_OF_SESSION' as const }, version, updatedAt: 'T' });
  expect(await repo.policies.savePolicy(policy(1, 7), 0)).toBe(true);
  expect(await repo.policies.savePolicy(policy(1, 8), 0)).toBe(false);
  expect(await repo.policies.savePolicy(policy(2, 9), 1)).toBe(true);
  expect(await repo.policies.savePolicy(policy(2, 10), 1)).toBe(false);
  expect((await repo.policies.getPolicyVersion('0301', 1))?.benefit).toEqual({ documentationDeadlineDays: 7 });
  expect((await repo.policies.getPolicy('0301'))?.benefit).toEqual({ documentationDeadlineDays: 9 });
  await expect(repo.policies.savePolicy(policy(5, 1), 1)).rejects.toThrow('expectedVersion + 1');
});

test('listAdvisersOf: the list registration and setAdvisers keep is read in one batch; a file without one, or changed by assignAdviser/unassignAdviser, is read from the index', async () => {
  expect(await repo.files.registerParticipant(registration('p-l1', 'req-l1', '71111111111'))).toBe('created');
  expect(await repo.files.registerParticipant(registration('p-l2', 'req-l2', '71111111112'))).toBe('created');
  expect(await repo.assignments.setAdvisers('p-l2', '5001', ['adviser-2', 'adviser-3'], '2026-10-02T00:00:00.000Z')).toEqual({ previous: ['adviser-1'] });
  // Seeded as the demo seeds it: assignments only, no list item.
  await repo.assignments.assignAdviser('p-l3', 'adviser-4', '5001', '2026-10-02T00:00:00.000Z');
  const ids = ['p-l1', 'p-l2', 'p-l3', 'p-none'];
  const expected = new Map([['p-l1', ['adviser-1']], ['p-l2', ['adviser-2', 'adviser-3']], ['p-l3', ['adviser-4']], ['p-none', []]]);
  expect(await repo.assignments.listAdvisersOf(ids)).toEqual(expected);
  for (const pid of ids) expect((await repo.assignments.listAdvisers(pid)).sort()).toEqual(expected.get(pid));
  // A single assignment changed outside the list takes the list item with it, so no stale list is ever trusted.
  await repo.assignments.assignAdviser('p-l2', 'adviser-5', '5001', '2026-10-03T00:00:00.000Z');
  await repo.assignments.unassignAdviser('p-l1', 'adviser-1');
  const after = await repo.assignments.listAdvisersOf(ids);
  expect([after.get('p-l1'), after.get('p-l2')?.sort()]).toEqual([[], ['adviser-2', 'adviser-3', 'adviser-5']]);
  // setAdvisers afterwards writes a complete list again (it merges what the index still lists).
  expect(await repo.assignments.setAdvisers('p-l2', '5001', ['adviser-5'], '2026-10-04T00:00:00.000Z')).toEqual({ previous: ['adviser-2', 'adviser-3', 'adviser-5'] });
  expect((await repo.assignments.listAdvisersOf(['p-l2'])).get('p-l2')).toEqual(['adviser-5']);
});
