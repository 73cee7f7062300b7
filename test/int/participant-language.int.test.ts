/**
 * The participant's language on their file (issue 11 §2) over HTTP against
 * the local system: the adviser sets it (PUT /participants/{id}/language, as
 * every participant write: assigned only, own municipality, access-logged,
 * optimistic concurrency), the participant reads and changes their own
 * (GET/PUT /me/language: the token's file only), and the kiosk's PIN step
 * answers with it so the kiosk can switch.
 *
 * The attacks: a language no catalog has; a participant naming another file
 * (there is no path to name one; a body field is refused); an unassigned
 * adviser; an adviser of another municipality; a stale version; a
 * participant token of another municipality.
 */
import { assign, seedCard, seedDevice, seedParticipant } from '../support/api-seed.js';
import { device, participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
const ADVISER = 'sub-adviser-lang';
const OTHER = 'sub-adviser-other';

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-10-07T07:00:00Z' });
  await seedParticipant(sys.deps, 'p-lang');
  await seedParticipant(sys.deps, 'p-lang-2');
  await seedParticipant(sys.deps, 'p-lang-m2', { municipality: '5002' });
  await assign(sys.deps, 'p-lang', ADVISER);
  await seedDevice(sys.deps, 'kiosk-lang');
  await seedCard(sys.deps, 'p-lang', 'LANGCARD0001', '4826');
}, 120_000);

afterAll(async () => {
  await sys?.stop();
});

const adviser = () => sys.tokenFor(staff(ADVISER, ['adviser']));
const version = async (pid: string) => (await sys.deps.participants.getProfile(pid))!.version;
const stored = async (pid: string) => (await sys.deps.participants.getProfile(pid))!.language;

test('a new file reads nb; the adviser sets Ukrainian (access-logged), the participant reads it and the kiosk answers the PIN step with it', async () => {
  const own = await sys.tokenFor(participant('p-lang'));
  expect((await sys.http('GET', '/me/language', { token: own })).body).toEqual({ language: 'nb', version: await version('p-lang') });

  const v = await version('p-lang');
  const set = await sys.http('PUT', '/participants/p-lang/language', { token: await adviser(), body: { expectedVersion: v, language: 'uk' } });
  expect([set.status, set.body]).toEqual([200, { language: 'uk', version: v + 1 }]);
  expect((await sys.http('GET', '/me/language', { token: own })).body?.language).toBe('uk');
  expect((await sys.http('GET', '/participants/p-lang', { token: await adviser() })).body?.language).toBe('uk');
  const log = (await sys.http('GET', '/me/access-log', { token: own })).body as { entries: { purpose: string; action: string }[] };
  expect(log.entries.some((e) => e.purpose === 'participant-language' && e.action === 'WRITE')).toBe(true);

  const id = await sys.http('POST', '/kiosk-identifications', { token: await sys.tokenFor(device('kiosk-lang')), body: { cardNumber: 'LANGCARD0001', pin: '4826' } });
  expect([id.status, id.body?.language]).toEqual([201, 'uk']);
});

test('the participant changes their own language; only their own file changes', async () => {
  const own = await sys.tokenFor(participant('p-lang-2'));
  const before = await stored('p-lang');
  const r = await sys.http('PUT', '/me/language', { token: own, body: { language: 'ar' } });
  expect([r.status, r.body?.language]).toEqual([200, 'ar']);
  expect(await stored('p-lang-2')).toBe('ar');
  expect(await stored('p-lang')).toBe(before);
  // Naming another file in the body is an unknown field, not a way in.
  const other = await sys.http('PUT', '/me/language', { token: own, body: { language: 'en', participantId: 'p-lang' } });
  expect([other.status, other.body?.code]).toEqual([400, 'UNKNOWN_FIELD']);
  expect(await stored('p-lang')).toBe(before);
});

test('a language no catalog has is 400 naming the field, and nothing is written', async () => {
  const own = await sys.tokenFor(participant('p-lang-2'));
  const v = await version('p-lang-2');
  for (const language of ['ti', 'xx', '', 'NB', 42]) {
    const r = await sys.http('PUT', '/me/language', { token: own, body: { language } });
    expect([r.status, r.body?.code, (r.body?.issues as { path: string }[])[0]?.path]).toEqual([400, 'VALIDATION_FAILED', 'body.language']);
  }
  const a = await sys.http('PUT', '/participants/p-lang/language', { token: await adviser(), body: { expectedVersion: await version('p-lang'), language: 'so' } });
  expect([a.status, a.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
  expect(await version('p-lang-2')).toBe(v);
});

test('an unassigned adviser, an adviser of another municipality and a stale version are refused; nothing changes', async () => {
  const before = { language: await stored('p-lang'), version: await version('p-lang') };
  const unassigned = await sys.http('PUT', '/participants/p-lang/language', { token: await sys.tokenFor(staff(OTHER, ['adviser'])), body: { expectedVersion: before.version, language: 'en' } });
  expect([unassigned.status, unassigned.body?.code]).toEqual([403, 'NOT_ASSIGNED']);
  const elsewhere = await sys.http('PUT', '/participants/p-lang/language', { token: await sys.tokenFor(staff(ADVISER, ['adviser'], '5002')), body: { expectedVersion: before.version, language: 'en' } });
  expect(elsewhere.status).toBe(404);
  const stale = await sys.http('PUT', '/participants/p-lang/language', { token: await adviser(), body: { expectedVersion: before.version - 1, language: 'en' } });
  expect([stale.status, stale.body?.code]).toEqual([409, 'PARTICIPANT_CHANGED']);
  expect({ language: await stored('p-lang'), version: await version('p-lang') }).toEqual(before);
});

test('a participant token whose municipality is not the file’s gets nothing and changes nothing', async () => {
  const wrong = await sys.tokenFor(participant('p-lang-m2', '5001'));
  const before = await version('p-lang-m2');
  const get = await sys.http('GET', '/me/language', { token: wrong });
  const put = await sys.http('PUT', '/me/language', { token: wrong, body: { language: 'en' } });
  expect(get.status).toBeGreaterThanOrEqual(403);
  expect(put.status).toBeGreaterThanOrEqual(403);
  expect(await version('p-lang-m2')).toBe(before);
});
