/**
 * Readability of a text (issue 11 §1: the summary and hints a participant
 * reads first must be plain Norwegian): LIX (Björnsson's läsbarhetsindex)
 * and the longest sentence.
 *
 *   LIX = words / sentences + 100 × long words / words
 *
 * where a long word has more than 6 letters. Under 30 is "very easy" text
 * (children's books), 30–40 easy (popular fiction, newspapers for all).
 *
 * What counts, chosen for the texts the explanation renders:
 * - A word is a run of characters between spaces that holds a letter or a
 *   digit. A no-break space does not split a word: "NOK 2 214,30" is written
 *   with them and read as one amount, and "–" on its own is no word.
 * - A word's length is its letters only (\p{L}): digits, punctuation and
 *   signs do not make an amount or a date "long".
 * - A sentence ends at `.`, `!`, `?` or `:` followed by a space or the end
 *   of a line (Björnsson counts the colon too), and every line ends one.
 *   A full stop after a number before a lower-case word is the Norwegian
 *   ordinal of a date ("29. oktober"), not the end of a sentence.
 */

/** Word, sentence and long-word counts of a text, and the words of its longest sentence. */
export interface Readability {
  words: number;
  sentences: number;
  longWords: number;
  /** Words in the longest sentence. */
  longestSentence: number;
  /** 0 for a text without words. */
  lix: number;
}

/** Spaces that split words: every white space but the no-break ones (U+00A0, U+202F, U+2007). */
const SPLIT = /[^\S\u00a0\u202f\u2007]+/u;
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/gu;
/** How many letters make a word long (more than this many). */
export const LONG_WORD_LETTERS = 6;

/** The sentences of one line, split where a sentence ends. */
export function sentencesOf(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c !== '.' && c !== '!' && c !== '?' && c !== ':') continue;
    const rest = line.slice(i + 1);
    if (rest !== '' && !/^\s/u.test(rest)) continue;
    // "29. oktober": an ordinal date, the sentence goes on.
    if (c === '.' && /\p{N}$/u.test(line.slice(0, i)) && /^\s+\p{Ll}/u.test(rest)) continue;
    out.push(line.slice(start, i + 1));
    start = i + 1;
  }
  if (line.slice(start).trim() !== '') out.push(line.slice(start));
  return out.map((s) => s.trim()).filter((s) => wordsOf(s).length > 0);
}

/** The words of a text. */
export function wordsOf(text: string): string[] {
  return text.split(SPLIT).filter((w) => HAS_WORD_CHARACTER.test(w));
}

const lettersIn = (word: string) => word.match(LETTER)?.length ?? 0;

/** LIX and the longest sentence of lines of text (each line ends a sentence). */
export function readability(lines: readonly string[]): Readability {
  let words = 0;
  let sentences = 0;
  let longWords = 0;
  let longestSentence = 0;
  for (const line of lines)
    for (const sentence of sentencesOf(line)) {
      const w = wordsOf(sentence);
      sentences++;
      words += w.length;
      longestSentence = Math.max(longestSentence, w.length);
      for (const word of w) if (lettersIn(word) > LONG_WORD_LETTERS) longWords++;
    }
  return { words, sentences, longWords, longestSentence, lix: words === 0 ? 0 : words / sentences + (100 * longWords) / words };
}
