/**
 * S6 over HTTP against the local system: every staff read of a
 * participant's personal data writes an access-log entry (hash-chained,
 * append-only), and the participant reads their own log with GET
 * /me/access-log: role, pseudonymous staff ref, purpose, route, time, and
 * whether the chain verifies. Never another participant's entries, never a
 * staff name or subject.
 */
import { randomUUID } from 'node:crypto';
import { ROUTES } from '../../shared/contract/routes.js';
import { staffRef } from '../../shared/http/auth.js';
import { assign, seedParticipant } from '../support/api-seed.js';
import { kiosk, participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
let ada: string;
let bo: string;
let cy: string;
let adviser: string;
const ADVISER_SUB = 'adviser-sub-logtest';
const NOW = '2026-10-07T07:00:00Z';

type Entry = { seq: number | null; state: string; at: string; role: string; staffRef: string; action: string; purpose: string; route: string };
type Log = { entries: Entry[]; integrity: string };
/** The participant's log once the sealer has sealed what was appended (entries are PENDING for moments before). */
const logOf = async (token: string): Promise<Log> => {
  await sys.system.audit.drain();
  const r = await sys.http('GET', '/me/access-log', { token });
  expect(r.status).toBe(200);
  return r.body as Log;
};

beforeAll(async () => {
  sys = await startTestSystem({ clock: NOW });
  await seedParticipant(sys.deps, 'p-ada');
  await seedParticipant(sys.deps, 'p-bo');
  await seedParticipant(sys.deps, 'p-cy');
  await assign(sys.deps, 'p-ada', ADVISER_SUB);
  await assign(sys.deps, 'p-bo', ADVISER_SUB);
  ada = await sys.tokenFor(participant('p-ada'));
  bo = await sys.tokenFor(participant('p-bo'));
  cy = await sys.tokenFor(participant('p-cy'));
  adviser = await sys.tokenFor(staff(ADVISER_SUB, ['adviser']));
}, 120_000);

afterAll(() => sys?.stop());

describe('GET /me/access-log', () => {
  test('empty before any staff read; the participant reading their own data is not a staff read', async () => {
    await sys.http('GET', '/me/attendance', { token: ada, query: { month: '2026-10' } });
    await sys.http('GET', '/me/data-export', { token: ada });
    expect(await logOf(ada)).toEqual({ entries: [], integrity: 'VERIFIED' });
  });

  test('the adviser queue writes one entry per assigned participant read, and none for others', async () => {
    const r = await sys.http('GET', '/absences', { token: adviser });
    expect(r.status).toBe(200);
    for (const token of [ada, bo]) {
      const log = await logOf(token);
      expect(log.integrity).toBe('VERIFIED');
      expect(log.entries).toEqual([{ seq: 1, state: 'SEALED', at: '2026-10-07T07:00:00.000Z', role: 'adviser', staffRef: staffRef(ADVISER_SUB), action: 'READ', purpose: 'absence-queue', route: 'GET /absences' }]);
    }
    expect((await logOf(cy)).entries).toEqual([]);
  });

  test('a review is logged too, and the chain grows in order', async () => {
    sys.clock!.set('2026-10-07T08:00:00Z');
    const a = await sys.http('POST', '/absences', { token: ada, body: { requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-10-07', wholeDay: true, documentation: 'DOCTOR_NOTE' } });
    const r = await sys.http('PATCH', `/absences/${String(a.body?.absenceId)}`, { token: adviser, body: { decision: 'APPROVE', expectedVersion: 1 } });
    expect(r.status).toBe(200);
    const log = await logOf(ada);
    expect(log.entries.map((e) => [e.seq, e.purpose, e.route])).toEqual([
      [1, 'absence-queue', 'GET /absences'],
      [2, 'absence-review', 'PATCH /absences/{id}'],
    ]);
    expect(log.integrity).toBe('VERIFIED');
    // The stored chain verifies entry by entry (R7); the view shows only pseudonymous refs.
    expect((await sys.deps.audit.list('p-ada')).map((e) => e.seq)).toEqual([1, 2]);
    expect(JSON.stringify(log)).not.toContain(ADVISER_SUB);
  });

  test('an unassigned adviser is refused before anything is read or logged', async () => {
    const stranger = await sys.tokenFor(staff('adviser-stranger', ['adviser']));
    const before = (await logOf(cy)).entries.length;
    const r = await sys.http('GET', '/absences', { token: stranger });
    expect((r.body as { items: unknown[] }).items).toEqual([]);
    expect((await logOf(cy)).entries.length).toBe(before);
  });

  test('S6: every adviser GET of one participant\'s data in shared/contract/routes.ts writes an entry before answering', async () => {
    // Iterates the route table, so a new staff read route is covered without editing this test.
    const reads = ROUTES.filter((r) => r.method === 'GET' && r.roles.includes('adviser') && r.path.startsWith('/participants/{id}') && r.tables.auditLog === 'rw');
    expect(reads.length).toBeGreaterThan(0);
    for (const route of reads) {
      const path = route.path.replace('{id}', 'p-bo').replace('{period}', '2026-09');
      const query: Record<string, string> = route.fn === 'participant-attendance' ? { month: '2026-09' } : {};
      const before = (await sys.deps.audit.list('p-bo')).length;
      const r = await sys.http('GET', path, { token: adviser, query });
      // A read that answered (data, or "no decision for that month") must have been logged first.
      expect({ route: route.path, status: r.status < 500 ? 'answered' : r.status }).toEqual({ route: route.path, status: 'answered' });
      if (r.status === 200 || r.status === 404) {
        const after = await sys.deps.audit.list('p-bo');
        expect({ route: route.path, logged: after.length > before }).toEqual({ route: route.path, logged: true });
        expect(after.at(-1)).toMatchObject({ actorRole: 'adviser', action: 'READ', route: `GET ${route.path}` });
      }
    }
    expect((await logOf(bo)).integrity).toBe('VERIFIED');
  });

  test('only participants have an access log: staff and kiosks get 403', async () => {
    for (const who of [staff(ADVISER_SUB, ['adviser']), staff('pay', ['payroll']), staff('adm', ['admin']), kiosk('k1')]) {
      const r = await sys.http('GET', '/me/access-log', { token: await sys.tokenFor(who) });
      expect([r.status, r.body?.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    }
    const q = await sys.http('GET', '/me/access-log', { token: ada, query: { participantId: 'p-bo' } });
    expect([q.status, q.body?.code]).toEqual([400, 'UNKNOWN_FIELD']);
  });
});
