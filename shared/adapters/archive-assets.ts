/**
 * The files the archive PDFs need besides code, and where they are found —
 * the same way locally and on AWS: the font file is `INTROFLYT_ARCHIVE_FONT`
 * when set, else Debian's fonts-dejavu-core path on the machine.
 *
 * - Locally (`npm start`, tests): nothing is set; DejaVu Sans is read from
 *   /usr/share/fonts (the package is a prerequisite, README), and pdfkit
 *   reads its colour profile from node_modules (its own `import.meta.url`).
 * - On AWS: the function's bundling (infra/constructs/archive-bundling.ts)
 *   copies the font, its licence and pdfkit's sRGB colour profile into the
 *   asset (`fonts/`, `data/` beside index.mjs) and sets
 *   `INTROFLYT_ARCHIVE_FONT` to the copied font; pdfkit, bundled into
 *   index.mjs, then finds `data/sRGB_IEC61966_2_1.icc` beside the bundle.
 *
 * pdfkit's other data files (the AFM metrics of the 14 standard fonts) are
 * never read: the document is opened with DejaVu Sans as its font
 * (archive-pdf.ts), so the default Helvetica is never loaded.
 *
 * Licence: DejaVu Sans is under the Bitstream Vera licence with DejaVu's
 * changes in the public domain; it allows embedding and redistribution
 * provided the copyright and licence notice travel with the font, so the
 * bundle carries Debian's copyright file beside it (fonts/DejaVuSans-LICENCE.txt).
 */

/** Debian's fonts-dejavu-core. */
export const SYSTEM_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
/** Debian's copyright file of the package: the font's licence. */
export const SYSTEM_FONT_LICENCE = '/usr/share/doc/fonts-dejavu-core/copyright';
/** Where the bundle keeps them, relative to index.mjs. */
export const BUNDLED_FONT = 'fonts/DejaVuSans.ttf';
export const BUNDLED_FONT_LICENCE = 'fonts/DejaVuSans-LICENCE.txt';
/** pdfkit's data files the PDF/A output needs (its output intent's ICC profile), relative to index.mjs as pdfkit looks for them. */
export const PDFKIT_DATA_FILES: readonly string[] = ['data/sRGB_IEC61966_2_1.icc'];
/** The environment variable naming the font file. */
export const FONT_ENV = 'INTROFLYT_ARCHIVE_FONT';

/** The font file the PDFs embed. */
export function archiveFontPath(env: Readonly<Record<string, string | undefined>>): string {
  const set = env[FONT_ENV];
  return set !== undefined && set !== '' ? set : SYSTEM_FONT;
}
