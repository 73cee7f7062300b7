/**
 * The archive PDFs on AWS (issue 12 item 5): the function that renders them
 * (the payroll workflow's ArchivePackage task, functions/report-archive-build)
 * carries DejaVu Sans, its licence and pdfkit's colour profile in its asset
 * and points the renderer at the font; and the renderer, bundled by CDK's
 * local esbuild with the same options and hooks, makes PDFs from that layout
 * alone — in a folder outside the repository (no node_modules to fall back
 * on), with the bundled font named as on Lambda. Without the copied colour
 * profile the bundle fails, so the test shows the files are the ones used.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ARCHIVE_ASSETS } from '../../infra/constructs/archive-bundling.js';
import { bundlingOptions } from '../../infra/constructs/introflyt-function.js';
import { PROJECT_ROOT } from '../../infra/project.js';
import { BUNDLED_FONT, BUNDLED_FONT_LICENCE, FONT_ENV, PDFKIT_DATA_FILES, SYSTEM_FONT, SYSTEM_FONT_LICENCE } from '../../shared/adapters/archive-assets.js';
import { ROUTES } from '../../shared/contract/routes.js';
import { buildTestApp } from './infra-app.js';

type Fn = { Properties: { Code: { S3Key: string }; Environment?: { Variables?: Record<string, unknown> } } };
const assetDirOf = (outdir: string, fn: Fn) => join(outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('the archive renderer is bundled with the font, its licence and pdfkit’s colour profile, and pointed at the bundled font', () => {
  // The renderer is the payroll workflow's ArchivePackage task: the workflow joins with its start route.
  const t = buildTestApp({ bundle: true, routes: ROUTES.filter((r) => r.fn === 'report-archive' || r.fn === 'payroll-run-start') });
  try {
    const fns = Object.values(Template.fromStack(t.stateless).findResources('AWS::Lambda::Function')) as Fn[];
    const renderers = fns.filter((f) => f.Properties.Environment?.Variables?.[FONT_ENV] !== undefined);
    expect(renderers).toHaveLength(1);
    const fn = renderers[0]!;
    expect(fn.Properties.Environment!.Variables![FONT_ENV]).toBe(`/var/task/${BUNDLED_FONT}`);
    const dir = assetDirOf(t.outdir, fn);
    expect(readFileSync(join(dir, BUNDLED_FONT)).equals(readFileSync(SYSTEM_FONT))).toBe(true);
    expect(readFileSync(join(dir, BUNDLED_FONT_LICENCE), 'utf8')).toMatch(/Bitstream Vera/);
    for (const f of PDFKIT_DATA_FILES) expect(readFileSync(join(dir, f)).equals(readFileSync(join(PROJECT_ROOT, 'node_modules', 'pdfkit', 'js', f)))).toBe(true);
    // Under quality.md's 1 MB (P4): fontkit's WOFF2 decoder (brotli) is left out.
    expect(statSync(join(dir, 'index.mjs')).size).toBeLessThanOrEqual(1_000_000);
    expect(readFileSync(join(dir, 'index.mjs'), 'utf8')).toContain('WOFF2 fonts are not supported');
    // The other functions carry no font.
    for (const other of fns.filter((f) => f !== fn)) expect(existsSync(join(assetDirOf(t.outdir, other), BUNDLED_FONT))).toBe(false);
  } finally {
    t.cleanup();
  }
});

test('the bundled renderer makes Norwegian, Ukrainian and Arabic PDF/A from the bundle’s own files, outside the repository', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'archive-bundle-'));
  const runDir = mkdtempSync(join(tmpdir(), 'archive-run-'));
  try {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Probe');
    new NodejsFunction(stack, 'Probe', {
      entry: join(PROJECT_ROOT, 'test', 'infra', 'fixtures', 'archive-render-probe.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      bundling: bundlingOptions(ARCHIVE_ASSETS.hooks, ARCHIVE_ASSETS.esbuildArgs),
    });
    const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')) as Fn[];
    cpSync(assetDirOf(outdir, fn!), runDir, { recursive: true });

    const texts: Record<string, string> = {
      nb: 'Du får 12 345,00 kr for oktober. Fravær: 3 dager.',
      uk: 'Ви отримаєте 12 345,00 крон за жовтень. Ґрунт, їжа, євро.',
      ar: 'ستحصل على 12345 كرونة عن شهر أكتوبر',
    };
    const render = (env: Record<string, string>) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `const m = await import(${JSON.stringify(pathToFileURL(join(runDir, 'index.mjs')).href)}); const texts = ${JSON.stringify(texts)}; const out = {}; for (const [language, text] of Object.entries(texts)) out[language] = await m.handler({ language, text }); console.log(JSON.stringify(out));`,
          ],
          { cwd: runDir, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
        ),
      ) as Record<string, string>;

    const pdfs = render({ [FONT_ENV]: join(runDir, BUNDLED_FONT) });
    for (const [language, b64] of Object.entries(pdfs)) {
      const path = join(runDir, `${language}.pdf`);
      writeFileSync(path, Buffer.from(b64, 'base64'));
      run('qpdf', ['--check', path]);
      expect(run('pdffonts', [path])).toMatch(/DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
      expect(readFileSync(path).toString('latin1')).toContain('<pdfaid:part>2</pdfaid:part>');
      run('pdftoppm', ['-r', '30', '-png', '-singlefile', path, join(runDir, language)]);
      expect(existsSync(join(runDir, `${language}.png`))).toBe(true);
    }
    expect(run('pdftotext', [join(runDir, 'uk.pdf'), '-'])).toContain('Ґрунт, їжа, євро');
    expect(run('pdftotext', [join(runDir, 'ar.pdf'), '-'])).toContain('12345');

    // Without the copied colour profile the bundle cannot make PDF/A: the copy is what it reads.
    rmSync(join(runDir, PDFKIT_DATA_FILES[0]!));
    expect(() => render({ [FONT_ENV]: join(runDir, BUNDLED_FONT) })).toThrow(/sRGB_IEC61966_2_1\.icc/);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(runDir, { recursive: true, force: true });
  }
});

test('the font is the one the environment names, else Debian’s', async () => {
  const { archiveFontPath } = await import('../../shared/adapters/archive-assets.js');
  expect(archiveFontPath({})).toBe(SYSTEM_FONT);
  expect(archiveFontPath({ [FONT_ENV]: '' })).toBe(SYSTEM_FONT);
  expect(archiveFontPath({ [FONT_ENV]: '/var/task/fonts/DejaVuSans.ttf' })).toBe('/var/task/fonts/DejaVuSans.ttf');
  expect(SYSTEM_FONT_LICENCE).toMatch(/fonts-dejavu-core\/copyright$/);
});
