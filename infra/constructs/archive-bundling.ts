/**
 * What the function that renders archive PDFs needs in its asset besides the
 * bundle (shared/adapters/archive-assets.ts): DejaVu Sans and its licence
 * (Debian's fonts-dejavu-core on the machine that synthesizes; the licence
 * allows redistribution with the notice, which is why the copyright file goes
 * along), and pdfkit's sRGB colour profile, which pdfkit reads beside its own
 * module (`new URL('./data/…', import.meta.url)`): bundled into index.mjs,
 * that is `data/` beside index.mjs. Copied by the local esbuild bundling's
 * afterBundling hook; a machine without the font fails the synthesis there
 * (cp names the missing file) rather than deploying a function that cannot
 * make a PDF.
 */
import { fileURLToPath } from 'node:url';
import type { ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { BUNDLED_FONT, BUNDLED_FONT_LICENCE, FONT_ENV, PDFKIT_DATA_FILES, SYSTEM_FONT, SYSTEM_FONT_LICENCE } from '../../shared/adapters/archive-assets.js';

/** Lambda's code folder (LAMBDA_TASK_ROOT): where the asset is unpacked. */
export const LAMBDA_TASK_ROOT = '/var/task';

const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

export const ARCHIVE_ASSET_HOOKS: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) => [
    `mkdir -p ${q(`${outputDir}/fonts`)} ${q(`${outputDir}/data`)}`,
    `cp ${q(SYSTEM_FONT)} ${q(`${outputDir}/${BUNDLED_FONT}`)}`,
    `cp ${q(SYSTEM_FONT_LICENCE)} ${q(`${outputDir}/${BUNDLED_FONT_LICENCE}`)}`,
    ...PDFKIT_DATA_FILES.map((f) => `cp ${q(`${inputDir}/node_modules/pdfkit/js/${f}`)} ${q(`${outputDir}/${f}`)}`),
  ],
};

/** The environment that points the renderer at the bundled font. */
export const ARCHIVE_ASSET_ENVIRONMENT: Readonly<Record<string, string>> = { [FONT_ENV]: `${LAMBDA_TASK_ROOT}/${BUNDLED_FONT}` };

/**
 * fontkit imports the `brotli` package (480 KB minified) to read WOFF2 fonts only; the archive embeds a TrueType
 * font, so the bundle gets a stub that refuses WOFF2 (infra/stubs/brotli), which keeps it under quality.md's 1 MB (P4).
 */
export const ARCHIVE_ESBUILD_ARGS: Readonly<Record<string, string>> = { '--alias:brotli': fileURLToPath(new URL('../stubs/brotli', import.meta.url)) };

/** IntroflytFunction's `assets` for a function that renders archive PDFs. */
export const ARCHIVE_ASSETS = { hooks: ARCHIVE_ASSET_HOOKS, environment: ARCHIVE_ASSET_ENVIRONMENT, esbuildArgs: ARCHIVE_ESBUILD_ARGS };
