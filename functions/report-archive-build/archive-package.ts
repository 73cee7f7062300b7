/**
 * The archive package of a municipality's month (issue 12 item 5;
 * docs/archive.md): every decision version paid by a released run of that
 * month, each with
 *
 *   <decisionId>/explanation-nb.pdf        PDF/A-2b, Norwegian (main document)
 *   <decisionId>/explanation-<lang>.pdf    PDF/A-2b, the participant's language(s) stored with the decision
 *   <decisionId>/input-snapshot.json       the case the engine judged (canonical JSON)
 *   <decisionId>/decision.json             the engine's decision (canonical JSON)
 *   manifest.json                          Noark 5 metadata of every record, checksums of every file
 *
 * The explanation is the newest stored version of the text (an adviser's
 * adjustment or a formal decision is a new version), as the participant
 * read it; the payroll approval line is added as the participant sees it.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../shared/adapters/deps.js';
import { MissingGlyphsError, renderPdf } from '../../shared/adapters/archive-pdf.js';
import type { ZipEntry } from '../../shared/adapters/zip.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import { archiveManifest, type ArchiveDecisionInput, type ArchiveFile, type ArchiveManifest } from '../../shared/domain/reports/archive-metadata.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const nok = (ore: number) => `${(ore / 100).toFixed(2)} kr`;

const FACT_LABELS: Record<string, readonly string[]> = {
  nb: ['Deltaker', 'Måned', 'Vedtak', 'Versjon', 'Utbetaling', 'Godkjent av lønn'],
  en: ['Participant', 'Month', 'Decision', 'Version', 'Payout', 'Approved by payroll'],
};
const TITLES: Record<string, string> = { nb: 'Vedtak om introduksjonsstønad', en: 'Decision on the introduction benefit' };

export interface ArchivePackage {
  manifest: ArchiveManifest;
  entries: ZipEntry[];
}

export async function buildArchivePackage(deps: Deps, municipality: string, period: string, createdAt: string, participantLanguage: (pid: string) => Promise<string | undefined>): Promise<ArchivePackage> {
  const runs = (await deps.payrollRuns.listRuns(municipality, { limit: Number.MAX_SAFE_INTEGER })).filter((r) => r.status === 'RELEASED');
  const released = new Map(runs.map((r) => [r.runId, r.releasedAt ?? r.startedAt]));
  const decisions = (await deps.decisions.listForMonth(municipality, period)).filter((d) => released.has(d.runId)).sort((a, b) => (a.decisionId < b.decisionId ? -1 : 1));
  const entries: ZipEntry[] = [];
  const inputs: ArchiveDecisionInput[] = [];
  for (const d of decisions) {
    const identity = await deps.participants.getIdentity(d.participantId);
    const latest = await deps.explanations.latestFor(d.participantId, d.period, d.version);
    const texts: Record<string, string> = { ...((d.decision.explanation ?? {}) as Record<string, string>), ...(latest?.explanation ?? {}) };
    const own = await participantLanguage(d.participantId);
    const languages = [...new Set(['nb', ...(own !== undefined && own !== 'nb' ? [own] : []), ...Object.keys(texts).filter((l) => l !== 'nb')])];
    const files: ArchiveFile[] = [];
    const missing: { language: string; reason: string }[] = [];
    const add = (path: string, data: Buffer, f: Omit<ArchiveFile, 'path' | 'sha256' | 'bytes'>) => {
      entries.push({ path, data });
      files.push({ path, sha256: sha256(data), bytes: data.length, ...f });
    };
    const releasedAt = released.get(d.runId)!;
    for (const lang of languages) {
      const text = texts[lang];
      if (text === undefined) {
        missing.push({ language: lang, reason: 'NO_STORED_EXPLANATION' });
        continue;
      }
      const labels = FACT_LABELS[lang] ?? FACT_LABELS.en!;
      const values = [d.participantId, d.period, d.decisionId, String(d.version), nok(Number(d.decision.payoutOre ?? 0)), releasedAt.slice(0, 10)];
      try {
        const pdf = await renderPdf({ language: lang, title: `${TITLES[lang] ?? TITLES.en!} – ${d.period}`, facts: labels.map((l, i) => [l, values[i]!] as [string, string]), text, date: d.createdAt });
        add(`${d.decisionId}/explanation-${lang}.pdf`, pdf, { role: lang === 'nb' ? 'MAIN' : 'ATTACHMENT', format: 'PDF/A-2b', language: lang, title: `${TITLES.nb} – ${d.period} (${lang})` });
      } catch (err) {
        if (!(err instanceof MissingGlyphsError)) throw err;
        missing.push({ language: lang, reason: 'FONT_LACKS_SCRIPT' });
      }
    }
    add(`${d.decisionId}/input-snapshot.json`, Buffer.from(canonicalJson(d.input ?? null), 'utf8'), { role: 'ATTACHMENT', format: 'JSON', title: 'Inndata (frosset øyeblikksbilde)' });
    add(`${d.decisionId}/decision.json`, Buffer.from(canonicalJson({ ...d.decision, explanation: undefined }), 'utf8'), { role: 'ATTACHMENT', format: 'JSON', title: 'Vedtaksdata' });
    inputs.push({
      municipality,
      participantId: d.participantId,
      nationalId: identity?.nationalId ?? '',
      period: d.period,
      version: d.version,
      decisionId: d.decisionId,
      runId: d.runId,
      createdAt: d.createdAt,
      releasedAt,
      review: d.review ?? 'AUTOMATIC',
      payoutOre: Number(d.decision.payoutOre ?? 0),
      inputHash: d.inputHash ?? '',
      rulesetVersion: String(d.decision.rulesetVersion ?? ''),
      policyVersion: String(d.decision.policyVersion ?? ''),
      templateVersion: String(latest?.templateVersion ?? d.decision.templateVersion ?? ''),
      supersedes: d.supersedes ?? null,
      files,
      missing,
    });
  }
  const manifest = archiveManifest(municipality, period, createdAt, inputs);
  entries.push({ path: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') });
  return { manifest, entries };
}
