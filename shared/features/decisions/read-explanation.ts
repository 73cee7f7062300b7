/**
 * The explanation of a month's decision (explanations.md; architecture.md
 * flow 5): the current stored explanation and the history of its versions.
 *
 * - Versions: each decision version's own explanation (stored with it), then
 *   each revision written after it (an adviser's adjustment or formal
 *   decision, the back-payments paid with the month's payout:
 *   shared/domain/payroll/explanation-versions.ts), numbered 1, 2, … in that
 *   order. The current one is the last.
 * - `text` and `layers`: the current version rendered from the stored
 *   decision with its stored context, plus the release: "approved by payroll
 *   on <date>" once the month's run is released with this version (layer 6;
 *   a fact of the run, not a revision). Without a release it is the stored
 *   text byte for byte. A version stored with an older text version (the
 *   catalogue has changed since) is served as stored: text and layers from
 *   the stored bytes, not re-rendered with today's messages.
 * - A version stored before its language existed (Ukrainian and Arabic came
 *   with text version 3) has no stored text in it: it is rendered at read
 *   time from the stored decision and context with today's catalogue, and
 *   says so (`storedInLanguage: false`, `stored` empty). It is a translation
 *   only; the stored Norwegian text is the one that applies.
 * - Who to contact and where to send a complaint (layer 7) are read now: the
 *   adviser assigned now (their name or unit in the staff directory) and the
 *   municipality's complaint address now (explanation-contact.ts), in place
 *   of those the version was stored with, like the release a fact of the
 *   reading: the stored text keeps what it said then (and renders again from
 *   its stored context byte for byte).
 * - `stored`: the current version's stored text; `history`: every version's
 *   stored text in the reader's language, with why it was made and what it pays.
 * - `steps`: from the computed amount to the amount paid, as the text says it
 *   (shared/domain/payroll/payout-steps.ts), and the data beside it.
 */
import type { ExplanationVersionView } from '../../contract/responses.js';
import type { DecisionDeps } from '../../adapters/deps.js';
import type { StoredDecision } from '../../adapters/decisions-repo.js';
import type { Deps } from '../../adapters/deps.js';
import type { ExplanationsRepo } from '../../adapters/explanations-repo.js';
import { osloDateOf } from '../../domain/attendance/oslo-time.js';
import type { CorrectionContext, ExplanationContext, ExplanationLayer, LayerName } from '../../domain/explanation/render.js';
import { directionOf, isUncheckedTranslation, LANGUAGES, LAYER_ORDER, renderExplanation, renderLayers, stepsOf, TEMPLATE_VERSION } from '../../domain/explanation/render.js';
import type { RevisionCause, StoredContext } from '../../domain/payroll/explanation-versions.js';
import { baseCause, baseContext } from '../../domain/payroll/explanation-versions.js';
import { rightsNotes } from '../../domain/rights/explanation-notes.js';
import { configuredStaffDirectory } from '../../adapters/staff-directory.js';
import type { ExplanationContact } from '../../domain/explanation/render.js';
import { explanationContact } from './explanation-contact.js';
import type { PayoutSteps } from '../../domain/payroll/payout-steps.js';
import { BadRequestError, NotFoundError } from '../../http/errors.js';
import type { ResolutionView } from './decision-view.js';
import { releaseOf, resolutionView } from './decision-view.js';

export const DEFAULT_LANGUAGE = 'nb';

export type { ExplanationVersionView } from '../../contract/responses.js';

export interface ExplanationView {
  participantId: string;
  period: string;
  version: number;
  decisionId: string;
  /** The current explanation version (the last of `history`). */
  explanationVersion: number;
  lang: string;
  /** Writing direction of `lang`: the page sets `dir` on the explanation (Arabic: `rtl`). */
  dir: 'ltr' | 'rtl';
  /** The text is a translation no qualified translator has checked: the Norwegian text applies (the text's first line says so). */
  uncheckedTranslation: boolean;
  /** False when the current version was stored before `lang` existed, so `text` was rendered at read time. */
  storedInLanguage: boolean;
  templateVersion: string;
  layers: ({ name: LayerName } & ExplanationLayer)[];
  text: string;
  stored: string;
  correction: CorrectionContext | null;
  resolution: ResolutionView | null;
  /** From the computed amount to the amount paid. */
  steps: PayoutSteps;
  /** What is paid: `steps.paidOre`. */
  paidOre: number;
  released: boolean;
  history: ExplanationVersionView[];
}

/** Throws 400 UNKNOWN_LANGUAGE before anything is read. */
export function requireLanguage(lang: string | undefined): string {
  const l = lang ?? DEFAULT_LANGUAGE;
  if (!LANGUAGES.includes(l)) throw new BadRequestError('UNKNOWN_LANGUAGE', `Unknown language; known: ${LANGUAGES.join(', ')}`, [{ path: 'query.lang', message: 'unknown language' }]);
  return l;
}

interface Version {
  decision: StoredDecision;
  revision: number;
  createdAt: string;
  cause: RevisionCause;
  context: StoredContext;
  templateVersion: string;
  texts: Record<string, string>;
}

/** Every stored version of the month's explanation, oldest first. */
function versionsOf(decisions: readonly StoredDecision[], revisions: Awaited<ReturnType<ExplanationsRepo['listForMonth']>>): Version[] {
  const out: Version[] = [];
  for (const d of [...decisions].sort((a, b) => a.version - b.version)) {
    const e = d.decision;
    out.push({ decision: d, revision: 0, createdAt: d.createdAt, cause: baseCause(d), context: baseContext(d), templateVersion: e.templateVersion, texts: e.explanation ?? {} });
    for (const r of revisions.filter((x) => x.version === d.version).sort((a, b) => a.revision - b.revision))
      out.push({ decision: d, revision: r.revision, createdAt: r.createdAt, cause: r.cause, context: r.context, templateVersion: r.templateVersion, texts: r.explanation });
  }
  return out;
}

/** The layers of a stored text ("## title" then its lines, a blank line between layers: render.ts). */
function layersOfText(text: string): ({ name: LayerName } & ExplanationLayer)[] {
  return text.split('\n\n## ').map((block, i) => {
    const [title = '', ...lines] = (i === 0 ? block.replace(/^## /, '') : block).split('\n');
    return { name: LAYER_ORDER[i] ?? LAYER_ORDER[LAYER_ORDER.length - 1]!, title, lines };
  });
}

export async function readExplanation(
  deps: Pick<Deps, 'decisions' | 'explanations' | 'rights' | 'policies' | 'assignments' | 'staff' | 'config'> & DecisionDeps,
  participantId: string,
  period: string,
  lang: string,
): Promise<ExplanationView> {
  const [decisions, revisions, cases] = await Promise.all([
    deps.decisions.listVersions(participantId, period),
    deps.explanations.listForMonth(participantId, period),
    deps.rights.listForParticipant(participantId),
  ]);
  const versions = versionsOf(decisions, revisions);
  const current = versions.at(-1);
  if (current === undefined) throw new NotFoundError('No decision for this month');
  const latest = current.decision;
  const [resolution, release, contactNow] = await Promise.all([deps.reviews.get(latest), releaseOf(deps, latest), contactOfNow(deps, participantId, latest.municipality)]);
  const decision = latest.decision;
  const storedText = current.texts[lang];
  const stored = storedText ?? '';
  const { adviserName: _storedName, complaintAddress: _storedAddress, ...storedContext } = current.context;
  const ctx: ExplanationContext = {
    ...storedContext,
    ...contactNow,
    ...(release.released && release.releasedAt !== null ? { approval: { role: 'payroll', approvedAt: osloDateOf(release.releasedAt) } } : {}),
  };
  // Correction requests and complaints about the month (issue 12), like the release: facts read now, not a revision.
  const notes = rightsNotes(cases, period, latest.createdAt);
  if (notes.length > 0) ctx.rightsCases = notes;
  // Re-rendered (for the release line) only with the messages it was stored with; otherwise served as stored,
  // unless nothing was stored in this language (a language added since): then rendered now.
  const renderable = current.templateVersion === TEMPLATE_VERSION || storedText === undefined;
  const layers = renderable ? renderLayers(decision, lang, ctx) : undefined;
  const steps = stepsOf(decision, current.context);
  return {
    participantId,
    period,
    version: latest.version,
    decisionId: latest.decisionId,
    explanationVersion: versions.length,
    lang,
    dir: directionOf(lang),
    uncheckedTranslation: isUncheckedTranslation(lang),
    storedInLanguage: storedText !== undefined,
    templateVersion: storedText === undefined ? TEMPLATE_VERSION : current.templateVersion,
    layers: layers === undefined ? layersOfText(stored) : LAYER_ORDER.map((name) => ({ name, ...layers[name] })),
    text: renderable ? renderExplanation(decision, lang, ctx) : stored,
    stored,
    correction: current.context.correction ?? null,
    resolution: resolutionView(resolution),
    steps,
    paidOre: steps.paidOre,
    released: release.released,
    history: versions.map((v, i) => ({
      number: i + 1,
      version: v.decision.version,
      revision: v.revision,
      decisionId: v.decision.decisionId,
      createdAt: v.createdAt,
      cause: v.cause,
      paidOre: stepsOf(v.decision.decision, v.context).paidOre,
      templateVersion: v.templateVersion,
      text: v.texts[lang] ?? v.texts[DEFAULT_LANGUAGE] ?? '',
      lang: v.texts[lang] === undefined ? DEFAULT_LANGUAGE : lang,
    })),
  };
}

/** The contact as it stands now (see above); none for a decision stored without its municipality. */
async function contactOfNow(deps: Pick<Deps, 'policies' | 'assignments' | 'staff' | 'config'>, participantId: string, municipality: string | undefined): Promise<ExplanationContact> {
  if (municipality === undefined) return {};
  const policy = await deps.policies.getPolicy(municipality);
  return explanationContact({ assignments: deps.assignments, staff: configuredStaffDirectory(deps) }, participantId, municipality, policy);
}
