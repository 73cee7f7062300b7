/**
 * The resolutions repository against DynamoDB Local: one create-only item
 * per decision version beside the decision (never in gsi1, which lists
 * decisions only), the stored one returned to a second writer, consistent
 * reads by key in batches of 100, and audit entries that must exist before
 * the act (503 AUDIT_UNAVAILABLE otherwise).
 */
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ResolutionRecord } from '../../shared/adapters/decision-reviews-repo.js';
import { DynamoDecisionReviewsRepo, recordAudited } from '../../shared/adapters/decision-reviews-repo.js';
import { AppError } from '../../shared/http/errors.js';
import { startApiDynamo, type ApiDynamo } from '../support/api-dynamo.js';
import { seedDecision, goldenCase } from '../support/decision-seed.js';

let db: ApiDynamo;
let repo: DynamoDecisionReviewsRepo;

const record = (participantId: string, version = 1, over: Partial<ResolutionRecord> = {}): ResolutionRecord => ({
  participantId,
  period: '2026-10',
  version,
  decisionId: `${participantId}.2026-10.v000${version}`,
  resolution: { kind: 'FORMAL_DECISION', vedtakReference: '2026/1-1', advanceNoticeDate: '2026-11-01' },
  resolvedByRef: 'staff-000000000001',
  resolvedAt: '2026-11-05T10:00:00.000Z',
  ...over,
});

beforeAll(async () => {
  db = await startApiDynamo('h5repo');
  repo = new DynamoDecisionReviewsRepo(DynamoDBDocumentClient.from(db.client), db.tableName('decisions'));
}, 120_000);

afterAll(() => db?.stop());

test('create-only: the second writer gets the stored resolution, nothing is replaced', async () => {
  expect(await repo.putResolutionOnce(record('p-1'))).toEqual({ created: true });
  const other = record('p-1', 1, { resolution: { kind: 'ADJUSTMENT', payoutOre: 0, reason: 'r' } });
  expect(await repo.putResolutionOnce(other)).toEqual({ created: false, existing: record('p-1') });
  expect(await repo.get(record('p-1'))).toEqual(record('p-1'));
  expect(await repo.get(record('p-1', 2))).toBeUndefined();
});

test('resolutions sit beside the decision and never enter gsi1 or the decision listing', async () => {
  await seedDecision(db.deps, goldenCase('g10-deductions-exceed-base', 'p-2'), { runId: 'run-1' });
  await repo.putResolutionOnce(record('p-2'));
  const items = (await DynamoDBDocumentClient.from(db.client).send(new ScanCommand({ TableName: db.tableName('decisions'), ConsistentRead: true }))).Items ?? [];
  const res = items.filter((i) => String(i.sk).startsWith('RES#'));
  expect(res.map((i) => [i.pk, i.sk])).toEqual(expect.arrayContaining([['P#p-2', 'RES#2026-10#v0001']]));
  for (const i of res) expect(i.gsi1pk).toBeUndefined();
  expect((await db.deps.decisions.listForParticipant('p-2')).map((d) => d.decisionId)).toEqual(['p-2.2026-10.v0001']);
  expect(await db.deps.decisions.listForMonth('5001', '2026-10')).toHaveLength(1);
  expect((await repo.listForParticipant('p-2')).map((r) => r.decisionId)).toEqual(['p-2.2026-10.v0001']);
});

test('getMany reads any number of versions in batches of 100 and returns those that exist', async () => {
  for (let i = 0; i < 130; i += 10) await Promise.all(Array.from({ length: 10 }, (_, k) => repo.putResolutionOnce(record(`m-${i + k}`))));
  const refs = Array.from({ length: 260 }, (_, i) => ({ participantId: `m-${i}`, period: '2026-10', version: 1 }));
  const found = await repo.getMany([...refs, refs[0]!]);
  expect(found.size).toBe(130);
  expect(found.get('m-129#2026-10#1')).toEqual(record('m-129'));
  expect(found.has('m-130#2026-10#1')).toBe(false);
  expect((await repo.getMany([])).size).toBe(0);
});

test('an audit entry that cannot be written refuses the act with 503 AUDIT_UNAVAILABLE', async () => {
  const entry = { participantId: 'RUN#r-1', at: '2026-11-05T10:00:00.000Z', actorRef: 'staff-1', actorRole: 'payroll' as const, action: 'WRITE' as const, purpose: 'payroll-approval', route: 'POST /payroll-runs/{id}/approvals' };
  // Appended to the audit inbox; the sealer gives it its position (shared/adapters/audit-log.ts).
  expect(await recordAudited(db.deps.audit, entry)).toMatchObject({ state: 'PENDING', participantId: 'RUN#r-1' });
  const err = await recordAudited({ append: () => Promise.reject(new Error('down')) }, entry).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ status: 503, code: 'AUDIT_UNAVAILABLE' });
});
