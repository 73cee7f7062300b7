/**
 * A decision's explanation as PDF/A-2b (pdfkit 0.20: `subset: 'PDF/A-2b'`,
 * embedded, subset TrueType fonts, XMP metadata, sRGB output intent).
 *
 * Font: DejaVu Sans from Debian's `fonts-dejavu-core` package
 * (/usr/share/fonts/truetype/dejavu; licence: the Bitstream Vera licence with
 * DejaVu's public-domain changes, which allows embedding and redistribution).
 * It covers Norwegian (æ ø å), Ukrainian Cyrillic (ґ є і ї), Arabic and Dari
 * (Arabic script, shaped by fontkit's Arabic shaper) and Somali (Latin), but
 * not Tigrinya (Ethiopic): a text with a character the font lacks is refused
 * (`MissingGlyphsError`) rather than rendered with empty boxes, and the
 * package records which language is missing and why. Nothing is downloaded:
 * where the font file is found, locally and in the Lambda bundle, is
 * archive-assets.ts. The document is opened with this font, so pdfkit never
 * loads its standard fonts' AFM files (not in the bundle).
 *
 * Right-to-left text: pdfkit has no bidirectional algorithm, so each RTL
 * line is laid out here, right to left by runs: a run of Arabic-script words
 * is handed to fontkit (which shapes it and orders its glyphs right to left),
 * a run of other words (numbers, amounts, Latin) keeps its own order.
 * The explanations' bidirectional controls (the isolates U+2066–U+2069
 * around amounts in Arabic, marks U+200E/U+200F/U+061C) are instructions to
 * a bidi algorithm, not characters to draw: this layout does their work, so
 * they are left out of the drawn text (DejaVu Sans has no glyph for the
 * isolates or U+061C; counting them as missing glyphs left every Arabic
 * explanation with an amount out of the package).
 *
 * Extracted text in logical order: fontkit draws an Arabic word's glyphs in
 * visual order, and text extractors (poppler's pdftotext, checked in the
 * tests) put an RTL line back in logical order by reversing it character by
 * character — a ligature's characters too (lam-alef would come out alef-lam).
 * So a ligature drawn right to left maps (ToUnicode) to its characters in
 * visual order, and the reversal gives them back in logical order.
 */
// pdfkit (with fontkit and its tables) is loaded by the first PDF, not when the task's bundle is imported (P4's import time).
import type PDFDocumentClass from 'pdfkit';
import { archiveFontPath } from './archive-assets.js';

export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'prs', 'fa', 'ps', 'ur', 'ckb']);
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
/** Bidirectional controls: isolates, embeddings/overrides, and the LRM/RLM/ALM marks. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text as drawn: without bidirectional controls (this layout orders the runs itself). */
export const withoutBidiControls = (s: string): string => s.replace(BIDI_CONTROLS, '');

export class MissingGlyphsError extends Error {
  constructor(readonly characters: string) {
    super(`the font has no glyph for: ${characters}`);
    this.name = 'MissingGlyphsError';
  }
}

export interface PdfContent {
  language: string;
  title: string;
  /** Label/value lines above the text. */
  facts: readonly [string, string][];
  text: string;
  /** The document's date (ISO instant): the PDF's creation date, so the same decision gives the same dates. */
  date: string;
}

type Doc = InstanceType<typeof PDFDocumentClass>;

function fontPath(): string {
  return archiveFontPath(process.env);
}

/** The characters of `text` the font cannot draw (whitespace and controls aside). */
export function missingGlyphs(doc: Doc, text: string): string {
  const f = (doc as unknown as { _font: { font: { hasGlyphForCodePoint(c: number): boolean } } })._font.font;
  const missing = new Set<string>();
  for (const ch of text) if (!/\s|\p{Cc}/u.test(ch) && !f.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.add(ch);
  return [...missing].join('');
}

/** An RTL line as runs in reading order (drawn from the right): each Arabic word, and each run of other words kept whole. */
export function rtlRuns(line: string): string[] {
  const words = line.split(/\s+/).filter((w) => w !== '');
  const runs: { arabic: boolean; words: string[] }[] = [];
  for (const w of words) {
    const arabic = ARABIC.test(w);
    const last = runs.at(-1);
    if (last !== undefined && last.arabic === arabic) last.words.push(w);
    else runs.push({ arabic, words: [w] });
  }
  // Arabic words one by one (fontkit drops the spaces of a reversed run); other runs whole, in their own order.
  return runs.flatMap((r) => (r.arabic ? r.words : [r.words.join(' ')]));
}

function rtlParagraph(doc: Doc, paragraph: string, left: number, width: number): void {
  const space = doc.widthOfString(' ');
  // Break into lines by words (logical order), then draw each line's runs from the right.
  const words = paragraph.split(/\s+/).filter((w) => w !== '');
  const lines: string[][] = [];
  let current: string[] = [];
  for (const w of words) {
    const trial = [...current, w].join(' ');
    if (current.length > 0 && doc.widthOfString(trial) > width) {
      lines.push(current);
      current = [w];
    } else current.push(w);
  }
  if (current.length > 0) lines.push(current);
  for (const line of lines) {
    let x = left + width;
    const y = doc.y;
    for (const run of rtlRuns(line.join(' '))) {
      const w = doc.widthOfString(run);
      x -= w;
      doc.text(run, x, y, { lineBreak: false });
      x -= space;
    }
    doc.x = left;
    doc.y = y + doc.currentLineHeight(true);
  }
  if (lines.length === 0) doc.moveDown();
}

/** Renders the content as a PDF/A-2b document; throws MissingGlyphsError when the font cannot draw it. */
export async function renderPdf(content: PdfContent): Promise<Buffer> {
  const c: PdfContent = {
    ...content,
    title: withoutBidiControls(content.title),
    facts: content.facts.map(([l, v]) => [withoutBidiControls(l), withoutBidiControls(v)] as [string, string]),
    text: withoutBidiControls(content.text),
  };
  const date = new Date(c.date);
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    subset: 'PDF/A-2b',
    pdfVersion: '1.7',
    tagged: true,
    lang: c.language,
    displayTitle: true,
    size: 'A4',
    margin: 56,
    // Opened with DejaVu Sans: pdfkit's default Helvetica (an AFM file read beside pdfkit) is never loaded.
    font: fontPath(),
    info: { Title: c.title, Author: 'Introflyt', Subject: c.title, Creator: 'Introflyt', Producer: 'Introflyt (pdfkit)', CreationDate: date, ModDate: date },
  });
  const all = [c.title, ...c.facts.flat(), c.text].join('\n');
  const missing = missingGlyphs(doc, all);
  if (missing !== '') {
    doc.end();
    throw new MissingGlyphsError(missing);
  }
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const rtl = RTL_LANGUAGES.has(c.language);
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const para = (s: string, size: number) => {
    doc.fontSize(size);
    if (rtl && ARABIC.test(s)) rtlParagraph(doc, s, left, width);
    else doc.text(s, left, doc.y, { width, align: rtl ? 'right' : 'left' });
  };
  para(c.title, 15);
  doc.moveDown(0.5);
  for (const [label, value] of c.facts) para(`${label}: ${value}`, 9);
  doc.moveDown();
  for (const p of c.text.split('\n')) {
    if (p.trim() === '') doc.moveDown(0.5);
    else para(p, 10);
  }
  if (rtl) reverseArabicLigatures(doc);
  doc.end();
  return done;
}

/**
 * Before the font is written: each Arabic glyph that stands for several
 * characters (a ligature) maps to them in visual order (see the top of this
 * file). pdfkit keeps the map as `unicode[glyphId]` on the embedded font.
 */
function reverseArabicLigatures(doc: Doc): void {
  const f = (doc as unknown as { _font: { unicode?: (number[] | undefined)[] } })._font;
  for (const [gid, cps] of (f.unicode ?? []).entries()) {
    if (cps !== undefined && cps.length > 1 && cps.every((cp) => ARABIC.test(String.fromCodePoint(cp)))) f.unicode![gid] = [...cps].reverse();
  }
}
