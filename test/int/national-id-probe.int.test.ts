/**
 * Issue 8 item 8: national ids cannot be probed through POST /participants.
 *
 * - Across municipalities the answer reveals nothing: an adviser of 5001
 *   registering a national id that 5002 has gets exactly what they would get
 *   for an id nobody has (201, a new file of 5001), and the 5002 person's
 *   access log shows nothing.
 * - Inside the municipality the "already registered" answer (409
 *   NATIONAL_ID_EXISTS, naming no file) is a read of that person's data: an
 *   adviser who is not assigned to them still gets it, but only after the
 *   check is written on their access log, with the adviser's pseudonymous
 *   ref. If that entry cannot be written there is no answer (503), and a
 *   probe of many ids leaves one entry per person found.
 */
import { randomUUID } from 'node:crypto';
import { recordStaffReadWith, type AuditLog } from '../../shared/adapters/audit-log.js';
import { FixedClock } from '../../shared/adapters/clock.js';
import { staffRef } from '../../shared/http/auth.js';
import { syntheticNationalId } from '../support/fuzz-values.js';
import { staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
const clock = new FixedClock('2026-10-07T07:00:00Z');
let adviser5001 = '';
let prober5001 = '';
let adviser5002 = '';

const body = (nationalId: string, over: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  givenName: 'Probemira',
  familyName: 'Testesen',
  nationalId,
  birthDate: '1990-01-01',
  programStart: '2026-09-01',
  ...over,
});

beforeAll(async () => {
  sys = await startTestSystem({ clock });
  adviser5001 = await sys.tokenFor(staff('adviser-nid-5001', ['adviser']));
  prober5001 = await sys.tokenFor(staff('adviser-prober-5001', ['adviser']));
  adviser5002 = await sys.tokenFor(staff('adviser-nid-5002', ['adviser'], '5002'));
}, 120_000);

afterAll(async () => {
  await sys?.stop();
});

/** A participant's access log once every appended entry is sealed (the sealer runs in the background, so a PENDING entry turns SEALED under the test's feet). */
async function sealedLog(participantId: string) {
  await sys.system.audit.drain();
  return sys.deps.audit.list(participantId);
}

test("another municipality's participant: the answer is the same as for an unknown id, and their access log shows nothing", async () => {
  const registered = await sys.http('POST', '/participants', { token: adviser5002, body: body(syntheticNationalId(801)) });
  expect(registered.status).toBe(201);
  const theirs = String(registered.body?.participantId);
  const logBefore = await sealedLog(theirs);

  const probe = await sys.http('POST', '/participants', { token: prober5001, body: body(syntheticNationalId(801)) });
  const unknown = await sys.http('POST', '/participants', { token: prober5001, body: body(syntheticNationalId(802)) });
  expect([probe.status, unknown.status]).toEqual([201, 201]);
  expect(Object.keys(probe.body!).sort()).toEqual(Object.keys(unknown.body!).sort());
  expect(probe.body?.participantId).not.toBe(theirs);
  expect(probe.raw).not.toContain(theirs);
  expect(await sealedLog(theirs)).toEqual(logBefore);
});

test("inside the municipality: 409 NATIONAL_ID_EXISTS naming no file, written first on that person's access log as the prober's check", async () => {
  const registered = await sys.http('POST', '/participants', { token: adviser5001, body: body(syntheticNationalId(803)) });
  const pid = String(registered.body?.participantId);
  const before = await sealedLog(pid);

  // An adviser not assigned to the person.
  const probe = await sys.http('POST', '/participants', { token: prober5001, body: body(syntheticNationalId(803)) });
  expect([probe.status, probe.body?.code]).toEqual([409, 'NATIONAL_ID_EXISTS']);
  expect(probe.raw).not.toContain(pid);

  const after = await sealedLog(pid);
  expect(after.slice(0, before.length)).toEqual(before);
  expect(after.slice(before.length)).toEqual([
    expect.objectContaining({ action: 'READ', purpose: 'national-id-check', actorRole: 'adviser', actorRef: staffRef('adviser-prober-5001'), route: 'POST /participants', at: clock.now().toISOString() }),
  ]);
  // The person sees it in their own access log.
  const own = await sys.http('GET', '/me/access-log', { token: await sys.tokenFor({ sub: 'sub-nid', groups: ['participant'], municipality: '5001', participantId: pid }) });
  expect((own.body?.entries as { purpose: string; staffRef: string }[]).some((e) => e.purpose === 'national-id-check' && e.staffRef === staffRef('adviser-prober-5001'))).toBe(true);
});

test('a probe over many ids leaves one entry on the log of each person it found, and none elsewhere', async () => {
  const found: string[] = [];
  for (const n of [811, 812, 813]) found.push(String((await sys.http('POST', '/participants', { token: adviser5001, body: body(syntheticNationalId(n)) })).body?.participantId));
  const lengths = await Promise.all(found.map(async (p) => (await sys.deps.audit.list(p)).length));
  const answers = await Promise.all([811, 812, 813].map((n) => sys.http('POST', '/participants', { token: prober5001, body: body(syntheticNationalId(n)) })));
  expect(answers.map((a) => a.body?.code)).toEqual(['NATIONAL_ID_EXISTS', 'NATIONAL_ID_EXISTS', 'NATIONAL_ID_EXISTS']);
  for (const [i, p] of found.entries()) {
    const log = await sys.deps.audit.list(p);
    expect(log.length).toBe(lengths[i]! + 1);
    expect(log.at(-1)).toMatchObject({ purpose: 'national-id-check', actorRef: staffRef('adviser-prober-5001') });
  }
});

test('no access-log entry, no answer: 503 AUDIT_UNAVAILABLE instead of 409', async () => {
  const pid = String((await sys.http('POST', '/participants', { token: adviser5001, body: body(syntheticNationalId(821)) })).body?.participantId);
  const real = sys.deps.audit;
  const down = { append: () => Promise.reject(new Error('down')) };
  const failing: AuditLog = { list: (p) => real.list(p), append: down.append, recordStaffRead: (r) => recordStaffReadWith(down, r) };
  sys.deps.swap({ audit: failing });
  let probe;
  try {
    probe = await sys.http('POST', '/participants', { token: prober5001, body: body(syntheticNationalId(821)) });
  } finally {
    sys.deps.swap({});
  }
  expect([probe.status, probe.body?.code]).toEqual([503, 'AUDIT_UNAVAILABLE']);
  expect(probe.raw).not.toContain('NATIONAL_ID_EXISTS');
  expect((await sys.deps.audit.list(pid)).some((e) => e.purpose === 'national-id-check')).toBe(false);
});
