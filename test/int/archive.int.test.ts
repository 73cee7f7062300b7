/**
 * Archive packages (issue 12 item 5) as a job, on the local system (HTTP
 * front, real handlers, the payroll workflow's synthesized ASL in the local
 * runner) with the seeded municipality's October run released: the admin
 * starts a job (202), polls it to READY, gets a short-lived link and
 * downloads the ZIP through it. The ZIP opens with another tool (Info-ZIP's
 * unzip), every PDF passes `qpdf --check`, declares PDF/A-2b, embeds its
 * fonts (`pdffonts`) and renders (`pdftoppm`), its text is the stored
 * explanation (`pdftotext`), and the manifest's metadata is complete with
 * checksums that match the files. Attacks: another municipality's admin,
 * other roles, racing starts, a link before the package exists, a stopped
 * execution, a changed link, a machine without the font. The renderer
 * itself: Norwegian, Ukrainian and Arabic (right to left, in logical order
 * for pdftotext, numbers kept in order) render; Tigrinya, which the font
 * lacks, is refused rather than drawn as empty boxes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { MissingGlyphsError, renderPdf, rtlRuns } from '../../shared/adapters/archive-pdf.js';
import { FONT_ENV } from '../../shared/adapters/archive-assets.js';
import { newArchiveJob, type ArchiveJob } from '../../shared/domain/reports/archive-job.js';
import type { ArchiveManifest } from '../../shared/domain/reports/archive-metadata.js';
import type { ArchiveJobView } from '../../shared/features/reports/archive-jobs.js';
import { staff, startTestSystem, type TestSystem } from '../support/local-system.js';
import { releaseRun, REPORT_CASES, seedReportMunicipality } from '../support/report-seed.js';

let sys: TestSystem;
let dir: string;
let admin: string;
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-12-01T10:00:00Z' });
  await sys.workflow.warm();
  sys.workflow.options = { retryIntervalMs: 1 };
  await seedReportMunicipality(sys.deps);
  await releaseRun(sys.deps, 'run-report-2026-10', '2026-10', REPORT_CASES.map(([p]) => p));
  admin = await sys.tokenFor(staff('admin-ada', ['admin']));
  dir = mkdtempSync(join(tmpdir(), 'archive-'));
}, 300_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await sys?.stop();
});

const startJob = (period: string, token = admin) => sys.http('POST', '/reports/archive-jobs', { token, body: { period } });
const statusOf = (jobId: string, token = admin) => sys.http('GET', `/reports/archive-jobs/${jobId}`, { token });
const linkOf = (jobId: string, token = admin) => sys.http('POST', `/reports/archive-jobs/${jobId}/links`, { token });

/** Polls the job until it is READY or FAILED (it runs in this process: the local workflow runner). */
async function settled(jobId: string): Promise<ArchiveJobView> {
  const until = Date.now() + 120_000;
  for (;;) {
    const r = await statusOf(jobId);
    expect(r.status).toBe(200);
    const v = r.body as unknown as ArchiveJobView;
    if (v.status === 'READY' || v.status === 'FAILED') return v;
    if (Date.now() > until) throw new Error(`archive job still ${v.status}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

/** A READY job's ZIP through a fresh link. */
async function download(jobId: string): Promise<Buffer> {
  const link = await linkOf(jobId);
  expect(link.status).toBe(201);
  const res = await fetch(String(link.body!.url));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(link.body!.sha256);
  return bytes;
}

describe('the archive package job', () => {
  let manifest: ArchiveManifest;
  let october: ArchiveJobView;

  beforeAll(async () => {
    const started = await startJob('2026-10');
    expect(started.status).toBe(202);
    october = await settled(String(started.body!.jobId));
    expect(october).toMatchObject({ status: 'READY', period: '2026-10', attempt: 1, failure: null });
    const bytes = await download(october.jobId);
    expect(bytes.length).toBe(october.file!.bytes);
    writeFileSync(join(dir, 'package.zip'), bytes);
    run('unzip', ['-q', '-t', join(dir, 'package.zip')]);
    run('unzip', ['-q', join(dir, 'package.zip'), '-d', join(dir, 'out')]);
    manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as ArchiveManifest;
    expect(october.file!.records).toBe(manifest.records.length);
  }, 300_000);

  test('one record per released decision of the municipality, each with complete Noark metadata and files whose checksums match', async () => {
    expect(manifest.records.map((r) => r.businessSpecific.decisionId)).toEqual(REPORT_CASES.map(([p]) => `${p}.2026-10.v0001`));
    for (const r of manifest.records) {
      expect(r.caseFile.party.nationalId).toMatch(/^\d{11}$/);
      expect(r.registryEntry).toMatchObject({ type: 'U', documentDate: '2026-11-02', registryDate: '2026-11-05', screening: { code: '13' } });
      // nb is the main document; every other stored language is an attachment unless the record names it missing (its reason beside it).
      const pid = String(r.businessSpecific.decisionId).split('.')[0]!;
      const storedLanguages = Object.keys((await sys.deps.decisions.getLatest(pid, '2026-10'))!.decision.explanation);
      const others = storedLanguages.filter((l) => l !== 'nb' && !r.missing.some((m) => m.language === l));
      expect(others).toContain('en');
      expect(r.documents.map((d) => [d.role, d.path.split('/')[1]])).toEqual([
        ['MAIN', 'explanation-nb.pdf'],
        ...['decision.json', 'input-snapshot.json', ...others.map((l) => `explanation-${l}.pdf`)].sort().map((n) => ['ATTACHMENT', n]),
      ]);
      for (const k of ['inputHash', 'rulesetVersion', 'policyVersion', 'templateVersion', 'runId', 'review', 'createdAt', 'releasedAt'] as const) expect({ k, v: String(r.businessSpecific[k]).length > 0 }).toEqual({ k, v: true });
    }
    const files = readdirSync(join(dir, 'out'), { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, 'out', f)).isFile() && f !== 'manifest.json').sort();
    expect(files).toEqual(manifest.files.map((f) => f.path).sort());
    for (const f of manifest.files) {
      const b = readFileSync(join(dir, 'out', f.path));
      expect({ path: f.path, sha256: createHash('sha256').update(b).digest('hex'), bytes: b.length }).toEqual(f);
    }
    expect(JSON.stringify(manifest)).not.toContain('p-r-5002');
    // Every stored language has its PDF (Arabic included): nothing is recorded missing.
    expect(manifest.records.flatMap((r) => r.missing)).toEqual([]);
  });

  test('every PDF: qpdf --check passes, PDF/A-2b declared, fonts embedded, pdftoppm renders it, the text is the stored explanation', async () => {
    const pdfs = manifest.files.filter((f) => f.path.endsWith('.pdf'));
    expect(pdfs.length).toBe(manifest.records.reduce((n, r) => n + r.documents.filter((d) => d.path.endsWith('.pdf')).length, 0));
    expect(pdfs.length).toBeGreaterThanOrEqual(REPORT_CASES.length * 2);
    for (const f of pdfs) {
      const path = join(dir, 'out', f.path);
      expect(run('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors found');
      const raw = readFileSync(path, 'latin1');
      expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
      const fonts = run('pdffonts', [path]).split('\n').slice(2).filter((l) => l.trim() !== '');
      expect(fonts.length).toBeGreaterThan(0);
      for (const l of fonts) expect(l).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
      run('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', path, join(dir, 'page')]);
      const png = readdirSync(dir).find((n) => n.startsWith('page') && n.endsWith('.png'))!;
      expect(statSync(join(dir, png)).size).toBeGreaterThan(1000);
      rmSync(join(dir, png));
    }
    const nb = run('pdftotext', [join(dir, 'out', 'p-r2.2026-10.v0001', 'explanation-nb.pdf'), '-']).replace(/\s+/g, ' ');
    const stored = (await sys.deps.decisions.getLatest('p-r2', '2026-10'))!.decision.explanation as Record<string, string>;
    const firstLine = stored.nb!.split('\n').find((l) => l.trim().length > 20)!.trim().replace(/\s+/g, ' ');
    expect(nb).toContain(firstLine.slice(0, 40));
  });

  test('every participant in the package has a staff read on their access log; the start and each link are on the municipality’s archive chain', async () => {
    for (const [p] of REPORT_CASES) expect((await sys.deps.audit.list(p)).some((e) => e.purpose === 'archive-export' && e.route === 'POST /reports/archive-jobs')).toBe(true);
    const chain = await sys.deps.audit.list('ARCHIVE#5001');
    expect(chain.filter((e) => e.purpose === 'archive-export' && e.action === 'WRITE').length).toBeGreaterThanOrEqual(1);
    expect(chain.filter((e) => e.purpose === 'archive-download' && e.action === 'READ').length).toBeGreaterThanOrEqual(1);
  });

  test('the package is written once: a second link gives the same bytes, and the stored file is not replaced by a retry', async () => {
    const a = await download(october.jobId);
    const b = await download(october.jobId);
    expect(a.equals(b)).toBe(true);
    const { buildArchiveJob } = await import('../../functions/report-archive-build/build-archive.js');
    expect(await buildArchiveJob(sys.deps, october.jobId)).toEqual({ status: 'READY' });
    expect((await download(october.jobId)).equals(a)).toBe(true);
  });

  test('a month without a released run is an empty package; a bad period or job id is refused; only admins; only the municipality’s own', async () => {
    const empty = await settled(String((await startJob('2026-09')).body!.jobId));
    expect(empty).toMatchObject({ status: 'READY', file: { records: 0 } });
    writeFileSync(join(dir, 'empty.zip'), await download(empty.jobId));
    expect(run('unzip', ['-Z1', join(dir, 'empty.zip')]).trim()).toBe('manifest.json');

    expect((await startJob('2026-13')).body!.code).toBe('VALIDATION_FAILED');
    expect((await sys.http('POST', '/reports/archive-jobs', { token: admin, body: { period: '2026-10', municipality: '5002' } })).body!.code).toBe('UNKNOWN_FIELD');
    expect((await statusOf('archive-5001-2026-10-x')).body!.code).toBe('VALIDATION_FAILED');
    for (const role of ['payroll', 'adviser'] as const) {
      const t = await sys.tokenFor(staff(`${role}-1`, [role]));
      expect((await startJob('2026-10', t)).body!.code).toBe('FORBIDDEN_ROLE');
      expect((await statusOf(october.jobId, t)).body!.code).toBe('FORBIDDEN_ROLE');
      expect((await linkOf(october.jobId, t)).body!.code).toBe('FORBIDDEN_ROLE');
    }
    // Another municipality's admin: the job ids are guessable, so the answer is "not found", never the job or a link.
    const other = await sys.tokenFor(staff('admin-other', ['admin'], '5002'));
    expect((await statusOf(october.jobId, other)).status).toBe(404);
    expect((await linkOf(october.jobId, other)).body!.code).toBe('ARCHIVE_JOB_NOT_FOUND');
    const theirs = await startJob('2026-10', other);
    expect(theirs.status).toBe(202);
    expect(String(theirs.body!.jobId)).toMatch(/^archive-5002-2026-10-1$/);
    expect((await statusOf(String(theirs.body!.jobId))).body!.code).toBe('ARCHIVE_JOB_NOT_FOUND');
  });

  test('racing starts make one job; a link before the package exists is refused; a changed link is refused', async () => {
    const rs = await Promise.all(Array.from({ length: 6 }, () => startJob('2026-08')));
    expect(rs.filter((r) => r.status === 202)).toHaveLength(1);
    expect(new Set(rs.map((r) => r.body!.jobId)).size).toBe(1);
    await settled(String(rs[0]!.body!.jobId));

    // A job written but not yet built (its request is starting it): no link.
    const pending = newArchiveJob('5001', '2026-07', 1, 'staff-x', 'admin', sys.clock!.now().toISOString());
    expect(await sys.deps.archiveJobs.create(pending)).toBe('created');
    expect((await linkOf(pending.jobId)).body!.code).toBe('ARCHIVE_NOT_READY');
    // …and a start meanwhile returns it rather than starting a second build.
    const again = await startJob('2026-07');
    expect(again.status).toBe(200);
    expect(again.body!.jobId).toBe(pending.jobId);

    const link = await linkOf(october.jobId);
    const url = new URL(String(link.body!.url));
    url.searchParams.set('filename', 'other.zip');
    expect((await fetch(url)).status).toBe(403);
  });

  test('an execution that ended without finishing shows FAILED ARCHIVE_JOB_STOPPED, gives no link, and a new start makes attempt 2', async () => {
    const stale: ArchiveJob = newArchiveJob('5001', '2026-06', 1, 'staff-x', 'admin', new Date(sys.clock!.now().getTime() - 5 * 60_000).toISOString());
    expect(await sys.deps.archiveJobs.create(stale)).toBe('created');
    expect((await statusOf(stale.jobId)).body).toMatchObject({ status: 'FAILED', failure: 'ARCHIVE_JOB_STOPPED' });
    expect((await linkOf(stale.jobId)).body!.code).toBe('ARCHIVE_FAILED');
    const next = await startJob('2026-06');
    expect(next.status).toBe(202);
    expect(next.body).toMatchObject({ jobId: 'archive-5001-2026-06-2', attempt: 2 });
    expect(await settled(String(next.body!.jobId))).toMatchObject({ status: 'READY' });
  });

  test('a job item changed in the table (another municipality, another file) gives no link and builds nothing', async () => {
    const { buildArchiveJob } = await import('../../functions/report-archive-build/build-archive.js');
    // An item at 5001's key that says it is 5002's: the build refuses it, and it is not found for the admin.
    const forged: ArchiveJob = { ...newArchiveJob('5001', '2026-04', 1, 'staff-x', 'admin', sys.clock!.now().toISOString()), municipality: '5002' };
    const { db, name } = sys.deps.table('payrollRuns');
    await db.send(new PutCommand({ TableName: name, Item: { pk: 'ARCHIVE#5001#2026-04', sk: 'JOB#000001', ...forged } }));
    await expect(buildArchiveJob(sys.deps, forged.jobId)).rejects.toMatchObject({ code: 'ARCHIVE_JOB_INVALID' });
    expect((await statusOf(forged.jobId)).body!.code).toBe('ARCHIVE_JOB_NOT_FOUND');
    // A READY item whose file is a payroll export: no link to it.
    const payrollFile = { key: 'exports/5001/2026-10/run-report-2026-10.csv', filename: 'introflyt-5001-2026-10-run-report-2026-10.csv', sha256: 'x', bytes: 1, records: 0, missing: 0 };
    const redirected: ArchiveJob = { ...newArchiveJob('5001', '2026-03', 1, 'staff-x', 'admin', sys.clock!.now().toISOString()), status: 'READY', file: payrollFile };
    expect(await sys.deps.archiveJobs.create(redirected)).toBe('created');
    expect((await linkOf(redirected.jobId)).body!.code).toBe('ARCHIVE_JOB_NOT_FOUND');
  });

  test('without the font the job fails with ARCHIVE_FONT_UNAVAILABLE and writes no file', async () => {
    const saved = process.env[FONT_ENV];
    process.env[FONT_ENV] = join(dir, 'no-such-font.ttf');
    try {
      const started = await startJob('2026-05');
      expect(await settled(String(started.body!.jobId))).toMatchObject({ status: 'FAILED', failure: 'ARCHIVE_FONT_UNAVAILABLE', file: null });
    } finally {
      if (saved === undefined) delete process.env[FONT_ENV];
      else process.env[FONT_ENV] = saved;
    }
  });
});

describe('the PDF renderer', () => {
  const facts: [string, string][] = [['Vedtak', 'p-x.2026-10.v0001']];
  const pdfOf = async (language: string, text: string) => {
    const path = join(dir, `render-${language}.pdf`);
    writeFileSync(path, await renderPdf({ language, title: 'Vedtak', facts, text, date: '2026-11-02T06:00:00.000Z' }));
    expect(run('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors found');
    return path;
  };

  test('Norwegian and Ukrainian render with their letters', async () => {
    expect(run('pdftotext', [await pdfOf('nb', 'Du får 12 345,67 kr. Fravær på grunn av sykdom: æ ø å Æ Ø Å.'), '-'])).toContain('Fravær på grunn av sykdom: æ ø å Æ Ø Å');
    expect(run('pdftotext', [await pdfOf('uk', 'Ви отримаєте виплату. Ґанок, єдність, їжа, інший.'), '-'])).toContain('Ґанок, єдність, їжа, інший');
  });

  test('Arabic: right to left by runs, an amount kept in its own order', async () => {
    expect(rtlRuns('المبلغ 12 345,67 kr للشهر')).toEqual(['المبلغ', '12 345,67 kr', 'للشهر']);
    const path = await pdfOf('ar', 'المبلغ 12 345,67 kr للشهر');
    expect(run('pdftotext', [path, '-'])).toContain('12 345,67 kr');
    run('pdftoppm', ['-r', '40', '-png', path, join(dir, 'ar')]);
  });

  test('Arabic as the explanations write it (amounts in bidi isolates, lam-alef ligatures, harakat) renders, and pdftotext gives the words back in logical order', async () => {
    // The isolates (U+2066…U+2069) are in every Arabic explanation with an amount: they used to count as glyphs the font lacks.
    const text = 'يُصرف مع دفعة شهر أكتوبر: \u206612 345,67 kr + 100,00 kr = 12 445,67 kr\u2069 (مع الدفعات المستحقة). ستحصل على المبلغ كاملا لا غير';
    const path = await pdfOf('ar', text);
    const out = run('pdftotext', [path, '-']).replace(/[\u202a-\u202e\f]/g, '');
    const arabicWords = (s: string) => s.split(/\s+/).map((w) => w.replace(/[^\u0600-\u06ff]/g, '')).filter((w) => w !== '');
    expect(arabicWords(out)).toEqual(arabicWords(text));
    expect(out).toContain('12 345,67 kr + 100,00 kr = 12 445,67 kr');
    expect(out).not.toMatch(/[\u2066-\u2069]/);
    run('pdftoppm', ['-r', '60', '-png', '-singlefile', path, join(dir, 'ar-isolates')]);
    expect(statSync(join(dir, 'ar-isolates.png')).size).toBeGreaterThan(1000);
    // A text of the stored explanations: every language the engine writes renders (none is left out for a font check).
    const { ar } = await import('../../shared/domain/explanation/messages/ar.js');
    const all = Object.values(ar.messages as Record<string, string>).join('\n');
    await expect(renderPdf({ language: 'ar', title: 'قرار', facts, text: all, date: '2026-11-02T06:00:00.000Z' })).resolves.toBeInstanceOf(Buffer);
  });

  test('a script the font lacks (Tigrinya) is refused, not drawn as empty boxes', async () => {
    await expect(renderPdf({ language: 'ti', title: 'ውሳነ', facts, text: 'ሰላም', date: '2026-11-02T06:00:00.000Z' })).rejects.toBeInstanceOf(MissingGlyphsError);
  });
});
