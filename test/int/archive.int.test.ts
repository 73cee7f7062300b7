/**
 * Archive packages (issue 12 item 5) on the seeded municipality with its
 * October run released: the ZIP opens with another tool (Info-ZIP's unzip),
 * every PDF passes `qpdf --check`, declares PDF/A-2b, embeds its fonts
 * (`pdffonts`) and renders (`pdftoppm`), its text is the stored explanation
 * (`pdftotext`), and the manifest's metadata is complete with checksums
 * that match the files. The renderer itself: Norwegian, Ukrainian and Arabic
 * (right to left, numbers kept in order) render; Tigrinya, which the font
 * lacks, is refused rather than drawn as empty boxes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../shared/adapters/clock.js';
import { MissingGlyphsError, renderPdf, rtlRuns } from '../../shared/adapters/archive-pdf.js';
import type { ArchiveManifest } from '../../shared/domain/reports/archive-metadata.js';
import { handler } from '../../functions/report-archive/handler.js';
import { apiEvent, lambdaContext, staffCaller } from '../support/api-event.js';
import { startApiDynamo, type ApiDynamo } from '../support/api-dynamo.js';
import { releaseRun, REPORT_CASES, seedReportMunicipality } from '../support/report-seed.js';

let db: ApiDynamo;
let dir: string;
const ADMIN = staffCaller('admin-ada', ['admin']);
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(async () => {
  db = await startApiDynamo('archive', { clock: new FixedClock('2026-12-01T10:00:00Z') });
  await seedReportMunicipality(db.deps);
  await releaseRun(db.deps, 'run-report-2026-10', '2026-10', REPORT_CASES.map(([p]) => p));
  dir = mkdtempSync(join(tmpdir(), 'archive-'));
}, 120_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db?.stop();
});

describe('GET /reports/archive', () => {
  let manifest: ArchiveManifest;

  beforeAll(async () => {
    const res = await handler.withDeps(db.deps)(apiEvent({ method: 'GET', path: '/reports/archive', caller: ADMIN, query: { period: '2026-10' } }), lambdaContext);
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['content-type']).toBe('application/zip');
    expect(res.isBase64Encoded).toBe(true);
    const bytes = Buffer.from(String(res.body), 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(res.headers?.['x-export-sha256']);
    writeFileSync(join(dir, 'package.zip'), bytes);
    run('unzip', ['-q', '-t', join(dir, 'package.zip')]);
    run('unzip', ['-q', join(dir, 'package.zip'), '-d', join(dir, 'out')]);
    manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as ArchiveManifest;
  }, 120_000);

  test('one record per released decision of the municipality, each with complete Noark metadata and files whose checksums match', async () => {
    expect(manifest.records.map((r) => r.businessSpecific.decisionId)).toEqual(REPORT_CASES.map(([p]) => `${p}.2026-10.v0001`));
    for (const r of manifest.records) {
      expect(r.caseFile.party.nationalId).toMatch(/^\d{11}$/);
      expect(r.registryEntry).toMatchObject({ type: 'U', documentDate: '2026-11-02', registryDate: '2026-11-05', screening: { code: '13' } });
      // nb is the main document; every other stored language is an attachment unless the record names it missing (its reason beside it).
      const pid = String(r.businessSpecific.decisionId).split('.')[0]!;
      const storedLanguages = Object.keys((await db.deps.decisions.getLatest(pid, '2026-10'))!.decision.explanation);
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
    const stored = (await db.deps.decisions.getLatest('p-r2', '2026-10'))!.decision.explanation as Record<string, string>;
    const firstLine = stored.nb!.split('\n').find((l) => l.trim().length > 20)!.trim().replace(/\s+/g, ' ');
    expect(nb).toContain(firstLine.slice(0, 40));
  });

  test('every participant in the package has a staff read on their access log', async () => {
    for (const [p] of REPORT_CASES) expect((await db.deps.audit.list(p)).some((e) => e.purpose === 'archive-export')).toBe(true);
  });

  test('a month without a released run is an empty package; a bad period is refused; only admins', async () => {
    const res = await handler.withDeps(db.deps)(apiEvent({ method: 'GET', path: '/reports/archive', caller: ADMIN, query: { period: '2026-09' } }), lambdaContext);
    writeFileSync(join(dir, 'empty.zip'), Buffer.from(String(res.body), 'base64'));
    expect(run('unzip', ['-Z1', join(dir, 'empty.zip')]).trim()).toBe('manifest.json');
    expect((await db.call(handler, apiEvent({ method: 'GET', path: '/reports/archive', caller: ADMIN, query: { period: '2026-13' } }))).body.code).toBe('VALIDATION_FAILED');
    expect((await db.call(handler, apiEvent({ method: 'GET', path: '/reports/archive', caller: staffCaller('p', ['payroll']), query: { period: '2026-10' } }))).body.code).toBe('FORBIDDEN_ROLE');
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

  test('a script the font lacks (Tigrinya) is refused, not drawn as empty boxes', async () => {
    await expect(renderPdf({ language: 'ti', title: 'ውሳነ', facts, text: 'ሰላም', date: '2026-11-02T06:00:00.000Z' })).rejects.toBeInstanceOf(MissingGlyphsError);
  });
});
