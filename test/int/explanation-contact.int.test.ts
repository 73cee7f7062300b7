/**
 * "Send klagen til kommunen" names the address and the adviser (issue 11):
 * the municipality's complaint address (its policy, set by the admin) and the
 * name the municipality gives the participant's assigned adviser in the
 * staff directory are written into every language of the explanation the
 * payroll run stores, and stored with it, so the stored decision and its
 * stored context render the stored text byte for byte. The reading names the
 * adviser and address as they are now. A name is never taken across
 * municipalities, from a disabled account, from a non-adviser, or when it
 * could forge or reverse the text.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { staffDirectoryOf, type StaffMember } from '../../shared/adapters/staff-directory.js';
import type { CaseInput } from '../../shared/domain/case.js';
import { LANGUAGES, renderExplanation } from '../../shared/domain/explanation/render.js';
import { baseContext } from '../../shared/domain/payroll/explanation-versions.js';
import { staffRef } from '../../shared/http/auth.js';
import { seedGoldenCase } from '../e2e/golden-seed.js';
import { assign } from '../support/api-seed.js';
import { participant, staff, startTestSystem, type TestSystem } from '../support/local-system.js';
import { GOLDEN_DIR } from '../support/paths.js';

let sys: TestSystem;
let pay: string;
let runId: string;
const ADDRESS = 'Introsenteret, Postboks 1, 7001 Demoby';
const NAME = 'Kari Nordmann';

/** Each participant's adviser, and what the directory says of them. */
const SEEDED = [
  { pid: 'pc-named', adviser: 'adv-kari', member: { municipality: '5001', groups: ['adviser'], enabled: true, displayName: NAME } },
  // An assignment written straight into the table to an adviser of another municipality: their name never shows here.
  { pid: 'pc-oslo', adviser: 'adv-oslo', member: { municipality: '0301', groups: ['adviser'], enabled: true, displayName: 'Oslo Rådgiver' } },
  { pid: 'pc-disabled', adviser: 'adv-gone', member: { municipality: '5001', groups: ['adviser'], enabled: false, displayName: 'Sluttet Person' } },
  { pid: 'pc-payroll', adviser: 'adv-pay', member: { municipality: '5001', groups: ['payroll'], enabled: true, displayName: 'Lønn Person' } },
  // A name that would reverse the amounts after it in the text: not shown (the unit is).
  { pid: 'pc-bidi', adviser: 'adv-bidi', member: { municipality: '5001', groups: ['adviser'], enabled: true, displayName: 'Eve \u202e 00,001', unit: 'Introsenteret, team 3' } },
] as const;

const directory = (rename: Record<string, string> = {}) =>
  staffDirectoryOf([
    ...SEEDED.map((s) => ({ sub: s.adviser, ...s.member, groups: [...s.member.groups], ...(rename[s.adviser] ? { displayName: rename[s.adviser] } : {}) }) as StaffMember),
    { sub: 'payroll-contact', municipality: '5001', groups: ['payroll'], enabled: true, unit: 'Lønn og regnskap', displayName: 'Ingrid Berg' },
    // Another municipality's staff member whose sub happens to be the one a 5001 payroll user signs in with: never named here.
    { sub: 'payroll-other', municipality: '0301', groups: ['payroll'], enabled: true, displayName: 'Oslo Lønn' },
  ]);

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-11-02T08:00:00Z', deps: { staff: directory() } });
  sys.workflow.options = { retryIntervalMs: 1 };
  const c = JSON.parse(readFileSync(join(GOLDEN_DIR, 'g09-pending-self-cert.case.json'), 'utf8')) as CaseInput;
  for (const s of SEEDED) {
    await seedGoldenCase(sys.deps, c, s.pid, '5001');
    await assign(sys.deps, s.pid, s.adviser);
  }
  pay = await sys.tokenFor(staff('payroll-contact', ['payroll']));
  const admin = await sys.tokenFor(staff('admin-contact', ['admin']));
  const policy = await sys.http('GET', '/municipality/policy', { token: admin });
  const saved = await sys.http('PUT', '/municipality/policy', { token: admin, body: { expectedVersion: policy.body!.version, benefit: policy.body!.benefit, complaintAddress: ADDRESS } });
  expect(saved.status).toBe(200);
  const started = await sys.http('POST', '/payroll-runs', { token: pay, body: { period: '2026-10' } });
  expect(started.status).toBe(202);
  runId = started.body!.runId as string;
  const run = (await sys.deps.payrollRuns.getRun(runId))!;
  expect(await sys.workflow.wait(run.executionName!)).toMatchObject({ status: 'SUCCEEDED' });
}, 180_000);
afterAll(() => sys?.stop());

const read = async (pid: string, lang: string) => {
  const r = await sys.http('GET', '/me/decisions/2026-10/explanation', { token: await sys.tokenFor(participant(pid)), query: { lang } });
  expect(r.status).toBe(200);
  return r.body as { text: string; stored: string; layers: { name: string; lines: string[] }[] };
};
const rights = (text: string) => text.split('\n\n## ')[6]!;

test('the stored explanation names the address and the adviser in every language, stored with it, and renders again byte for byte', async () => {
  const d = (await sys.deps.decisions.getLatest('pc-named', '2026-10'))!;
  expect(d.contact).toEqual({ adviserName: NAME, complaintAddress: ADDRESS });
  for (const lang of LANGUAGES) {
    const text = d.decision.explanation[lang]!;
    expect(rights(text)).toContain(NAME);
    expect(rights(text)).toContain(ADDRESS);
    expect(renderExplanation(d.decision, lang, baseContext(d))).toBe(text);
  }
  const nb = rights(d.decision.explanation.nb!);
  expect(nb).toContain(`Send klagen til kommunen: ${ADDRESS}.`);
  expect(nb).toContain(`programrådgiveren din, ${NAME}`);
  expect(nb).not.toContain('Rådgiveren din kan gi deg adressen');
  // The reading (nothing changed since): the stored text byte for byte.
  const view = await read('pc-named', 'nb');
  expect(view.text).toBe(view.stored);
  expect(view.layers.find((l) => l.name === 'rights')!.lines.join('\n')).toContain(NAME);
});

test('no name from another municipality, a disabled account, a non-adviser, or one that would reverse the text; the address is still given', async () => {
  for (const [pid, hidden] of [['pc-oslo', 'Oslo Rådgiver'], ['pc-disabled', 'Sluttet Person'], ['pc-payroll', 'Lønn Person'], ['pc-bidi', '\u202e']] as const) {
    const d = (await sys.deps.decisions.getLatest(pid, '2026-10'))!;
    for (const lang of LANGUAGES) {
      expect(d.decision.explanation[lang]).not.toContain(hidden);
      expect(rights(d.decision.explanation[lang]!)).toContain(ADDRESS);
      expect(renderExplanation(d.decision, lang, baseContext(d))).toBe(d.decision.explanation[lang]);
    }
    expect((await read(pid, 'nb')).text).not.toContain(hidden);
  }
  expect((await sys.deps.decisions.getLatest('pc-oslo', '2026-10'))!.contact).toEqual({ complaintAddress: ADDRESS });
  expect(rights((await sys.deps.decisions.getLatest('pc-oslo', '2026-10'))!.decision.explanation.nb!)).toContain('Kontakt programrådgiveren din');
  // The unit stands in for a name that cannot be shown.
  expect((await sys.deps.decisions.getLatest('pc-bidi', '2026-10'))!.contact).toEqual({ adviserName: 'Introsenteret, team 3', complaintAddress: ADDRESS });
});

test('a renamed adviser: the reading names them as they are now; the stored text and its re-render keep what was said', async () => {
  sys.deps.swap({ staff: directory({ 'adv-kari': 'Kari Nordmann Hansen' }) });
  try {
    for (const lang of ['nb', 'ar'] as const) {
      const view = await read('pc-named', lang);
      expect(rights(view.text)).toContain('Kari Nordmann Hansen');
      expect(rights(view.stored)).not.toContain('Kari Nordmann Hansen');
      const d = (await sys.deps.decisions.getLatest('pc-named', '2026-10'))!;
      expect(view.stored).toBe(d.decision.explanation[lang]);
      expect(renderExplanation(d.decision, lang, baseContext(d))).toBe(view.stored);
    }
  } finally {
    sys.deps.swap({});
  }
});

describe('staff shown by the name or unit the municipality chooses (issue 11 §3)', () => {
  test('the payroll page’s approvers: by name, marked for the viewer; one the directory does not name stays a role', async () => {
    expect((await sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: pay })).status).toBe(201);
    const own = await sys.http('GET', `/payroll-runs/${runId}`, { token: pay });
    expect(own.body!.approvals).toEqual([expect.objectContaining({ you: true, name: 'Ingrid Berg' })]);
    // Another payroll user of 5001 (not in the directory, or named only in Oslo's) sees the approver's name, not their own.
    const other = await sys.http('GET', `/payroll-runs/${runId}`, { token: await sys.tokenFor(staff('payroll-other', ['payroll'])) });
    expect(other.body!.approvals).toEqual([expect.objectContaining({ you: false, name: 'Ingrid Berg' })]);
    expect(JSON.stringify(other.body)).not.toContain('Oslo Lønn');
    expect((await sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: await sys.tokenFor(staff('payroll-other', ['payroll'])) })).status).toBe(201);
    const both = await sys.http('GET', `/payroll-runs/${runId}`, { token: pay });
    expect((both.body!.approvals as { name?: string; you: boolean }[]).map((a) => [a.you, a.name])).toEqual([
      [true, 'Ingrid Berg'],
      [false, undefined],
    ]);
  });

  test('the participant’s access log names their own municipality’s staff by name; none from another municipality', async () => {
    const adviser = await sys.tokenFor(staff('adv-kari', ['adviser']));
    expect((await sys.http('GET', '/participants/pc-named/decisions/2026-10/explanation', { token: adviser, query: { lang: 'nb' } })).status).toBe(200);
    const log = await sys.http('GET', '/me/access-log', { token: await sys.tokenFor(participant('pc-named')) });
    const entries = log.body!.entries as { role: string; staffName?: string; purpose: string }[];
    expect(entries.filter((e) => e.role === 'adviser').map((e) => e.staffName)).toContain('Kari Nordmann');
    // The adviser assigned from Oslo (written straight into the table) cannot read; nothing names them.
    expect((await sys.http('GET', '/participants/pc-oslo/decisions/2026-10/explanation', { token: await sys.tokenFor(staff('adv-oslo', ['adviser'], '0301')) })).status).toBe(404);
    expect(JSON.stringify((await sys.http('GET', '/me/access-log', { token: await sys.tokenFor(participant('pc-oslo')) })).body)).not.toContain('Oslo Rådgiver');
  });

  test('who rejected a document: by name on the month the adviser (and the participant) reads, the ref never shown', async () => {
    const me = await sys.tokenFor(participant('pc-named'));
    const reported = await sys.http('POST', '/absences', { token: me, body: { requestId: randomUUID(), category: 'OWN_ILLNESS', date: '2026-10-26', wholeDay: true } });
    expect(reported.status).toBe(201);
    const { absenceId, version } = reported.body as { absenceId: string; version: number };
    const adviser = await sys.tokenFor(staff('adv-kari', ['adviser']));
    const rejected = await sys.http('PATCH', `/absences/${absenceId}`, { token: adviser, body: { decision: 'REJECT', reason: 'Legeerklæringen gjelder en annen dag', expectedVersion: version } });
    expect(rejected.status).toBe(200);
    for (const [path, token] of [['/participants/pc-named/attendance', adviser], ['/me/attendance', me]] as const) {
      const month = await sys.http('GET', path, { token, query: { month: '2026-10' } });
      const absence = (month.body!.absences as { absenceId: string; history: { byRole: string; byName?: string }[] }[]).find((a) => a.absenceId === absenceId)!;
      expect(absence.history.at(-1)).toMatchObject({ byRole: 'adviser', byName: NAME });
      expect(absence.history[0]).not.toHaveProperty('byName');
      expect(month.raw).not.toContain(staffRef('adv-kari'));
    }
  });
});
