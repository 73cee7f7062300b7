/**
 * The metadata of an archive package (arkivlova § 6, arkivforskrifta; Noark 5
 * as the municipality's archive system expects it; docs/archive.md maps each
 * field). One record per released decision version: the case file
 * (saksmappe) is the participant's introduction benefit, the record
 * (journalpost) the decision sent to the participant, its documents the
 * explanation as PDF/A in Norwegian (main document) and in the participant's
 * language, and the input snapshot and decision data as attachments.
 */
import { compare } from './leave-periods.js';

export interface ArchiveFile {
  /** Path inside the package. */
  path: string;
  role: 'MAIN' | 'ATTACHMENT';
  /** e.g. PDF/A-2b, JSON. */
  format: string;
  language?: string;
  title: string;
  sha256: string;
  bytes: number;
}

export interface ArchiveDecisionInput {
  municipality: string;
  participantId: string;
  nationalId: string;
  period: string;
  version: number;
  decisionId: string;
  runId: string;
  /** When the decision version was computed and stored (ISO instant). */
  createdAt: string;
  /** When the run that pays it was released (ISO instant). */
  releasedAt: string;
  review: string;
  payoutOre: number;
  inputHash: string;
  rulesetVersion: string;
  policyVersion: string;
  templateVersion: string;
  supersedes: string | null;
  files: readonly ArchiveFile[];
  /** Languages asked for that could not be rendered, with why (e.g. the font lacks the script). */
  missing: readonly { language: string; reason: string }[];
}

/** Offentleglova § 13 with forvaltningsloven § 13: a participant's benefit decision is subject to confidentiality. */
export const SCREENING = { code: '13', authority: 'Offl. § 13 jf. fvl. § 13 første ledd nr. 1' } as const;

export interface ArchiveRecord {
  /** Noark 5 saksmappe: one per participant. */
  caseFile: { title: string; caseYear: number; party: { participantId: string; nationalId: string; role: 'Deltaker' } };
  /** Noark 5 journalpost: the decision sent out. */
  registryEntry: { title: string; type: 'U'; documentDate: string; registryDate: string; screening: typeof SCREENING };
  documents: ArchiveFile[];
  /** Virksomhetsspesifikke metadata: what makes the decision reproducible. */
  businessSpecific: Omit<ArchiveDecisionInput, 'files' | 'missing' | 'nationalId' | 'municipality'>;
  missing: ArchiveDecisionInput['missing'];
}

const ROLE_RANK: Record<ArchiveFile['role'], number> = { MAIN: 0, ATTACHMENT: 1 };

export function archiveRecord(d: ArchiveDecisionInput): ArchiveRecord {
  const { files, missing, nationalId, municipality: _m, ...business } = d;
  return {
    caseFile: { title: `Introduksjonsstønad – deltaker ${d.participantId}`, caseYear: Number(d.period.slice(0, 4)), party: { participantId: d.participantId, nationalId, role: 'Deltaker' } },
    registryEntry: {
      title: `Vedtak om introduksjonsstønad for ${d.period}${d.version > 1 ? ` (versjon ${d.version}, retter ${d.supersedes})` : ''}`,
      type: 'U',
      documentDate: d.createdAt.slice(0, 10),
      registryDate: d.releasedAt.slice(0, 10),
      screening: SCREENING,
    },
    documents: [...files].sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role] || compare(a.path, b.path)),
    businessSpecific: business,
    missing,
  };
}

export interface ArchiveManifest {
  format: 'introflyt-archive-package';
  formatVersion: 1;
  municipality: string;
  period: string;
  createdAt: string;
  records: ArchiveRecord[];
  /** Every file of the package but this manifest, with its checksum. */
  files: { path: string; sha256: string; bytes: number }[];
}

export function archiveManifest(municipality: string, period: string, createdAt: string, decisions: readonly ArchiveDecisionInput[]): ArchiveManifest {
  const records = decisions.map(archiveRecord);
  return {
    format: 'introflyt-archive-package',
    formatVersion: 1,
    municipality,
    period,
    createdAt,
    records,
    files: records.flatMap((r) => r.documents.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes }))).sort((a, b) => compare(a.path, b.path)),
  };
}
