/**
 * The layered explanation (explanations.md): the summary first, every other
 * layer one tap away (<details>), in the order the engine renders them.
 * The text comes from the stored explanation (rendered by the engine with
 * versioned templates); the page adds no wording of its own to it.
 */
import { catalogOf } from '../catalogs/index.js';
import { h } from './dom.js';
import { dateTime, nok } from './format.js';
import type { Lang } from './i18n.js';

export interface ExplanationLayer {
  title: string;
  lines: string[];
}
export const LAYER_ORDER = ['summary', 'calendar', 'calculation', 'rules', 'hints', 'who', 'rights', 'details'] as const;

/** Accepts `{layers: {summary: {...}, ...}}`, `{layers: [{name, title, lines}]}` or the layers record itself. */
export function layersOf(body: unknown): { name: string; layer: ExplanationLayer }[] {
  const b = body as { layers?: unknown; explanation?: unknown };
  const src = b.layers ?? (b.explanation as { layers?: unknown } | undefined)?.layers ?? body;
  if (Array.isArray(src)) return (src as (ExplanationLayer & { name?: string; layer?: string })[]).map((l, i) => ({ name: l.name ?? l.layer ?? String(i), layer: l }));
  if (src !== null && typeof src === 'object') {
    const rec = src as Record<string, ExplanationLayer>;
    const names = [...LAYER_ORDER.filter((n) => n in rec), ...Object.keys(rec).filter((n) => !(LAYER_ORDER as readonly string[]).includes(n))];
    return names.filter((n) => rec[n] !== undefined && Array.isArray(rec[n].lines)).map((n) => ({ name: n, layer: rec[n]! }));
  }
  return [];
}

/**
 * `open`: layers shown open and highlighted (the participant's page opens the hints when there are some).
 * The body's `lang`/`dir` (the read API's) go on the section, so Arabic reads right to left whatever the
 * page's language; `uncheckedTranslation`: the summary's first line is the engine's notice that the
 * Norwegian text applies, shown as a notice.
 */
export function renderExplanation(body: unknown, heading: string, open: readonly string[] = []): HTMLElement {
  const layers = layersOf(body);
  const meta = body as { lang?: unknown; dir?: unknown; uncheckedTranslation?: unknown };
  const unchecked = meta.uncheckedTranslation === true;
  const [first, ...rest] = layers;
  const firstLines = first?.layer.lines ?? [];
  return h(
    'section',
    {
      class: 'explanation',
      'aria-label': heading,
      lang: typeof meta.lang === 'string' ? meta.lang : undefined,
      dir: meta.dir === 'rtl' || meta.dir === 'ltr' ? meta.dir : undefined,
      'data-unchecked-translation': unchecked ? 'true' : undefined,
    },
    first !== undefined
      ? h(
          'div',
          { class: 'card summary', 'data-layer': first.name },
          h('h3', {}, first.layer.title),
          unchecked && firstLines.length > 0 ? h('p', { class: 'notice', role: 'note', 'data-translation-notice': 'true' }, firstLines[0]!) : '',
          (unchecked ? firstLines.slice(1) : firstLines).map((l) => h('p', {}, l)),
        )
      : '',
    rest.map(({ name, layer }) =>
      h('details', { 'data-layer': name, open: open.includes(name), class: open.includes(name) ? 'hint' : undefined }, h('summary', {}, layer.title), layer.lines.map((l) => h('p', {}, l))),
    ),
  );
}

/** One stored version of a month's explanation, as the explanation route returns it (`history`). */
export interface ExplanationVersion {
  number: number;
  createdAt: string;
  cause: string;
  paidOre: number;
  text: string;
}

/**
 * Every stored version of the month's explanation, newest first, each with
 * when and why it was made and what it says is paid; its text one tap away
 * (as stored, layer by layer).
 */
export function renderExplanationHistory(history: readonly ExplanationVersion[], lang: Lang): HTMLElement {
  const x = catalogOf(lang).history;
  const last = history.at(-1)?.number;
  return h(
    'section',
    { class: 'explanation-history', 'aria-label': x.title },
    h('h3', {}, x.title),
    h('p', { class: 'muted' }, x.intro),
    [...history].reverse().map((v) =>
      h(
        'details',
        { 'data-version': v.number, class: v.number === last ? 'current' : undefined },
        h(
          'summary',
          {},
          `${x.version.replace('{n}', String(v.number))}${v.number === last ? ` (${x.current})` : ''} · ${dateTime(v.createdAt, lang)} · ${x.causes[v.cause as keyof typeof x.causes] ?? ''} · ${x.paid} ${nok(v.paidOre, lang)}`,
        ),
        layersOfText(v.text).map((l) => h('div', { class: 'layer' }, h('h4', {}, l.title), l.lines.map((line) => h('p', {}, line)))),
      ),
    ),
  );
}

/** A stored text's layers: "## title" then its lines, a blank line between layers. */
function layersOfText(text: string): ExplanationLayer[] {
  return text
    .split(/\n\n(?=## )/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const [title = '', ...lines] = block.replace(/^## /, '').split('\n');
      return { title, lines };
    });
}
