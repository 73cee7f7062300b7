/** The archive package's Noark 5 metadata (shared/domain/reports/archive-metadata.ts). */
import { archiveManifest, archiveRecord, SCREENING, type ArchiveDecisionInput } from '../../shared/domain/reports/archive-metadata.js';

const base: ArchiveDecisionInput = {
  municipality: '5001',
  participantId: 'p-1',
  nationalId: '01019012345',
  period: '2026-10',
  version: 1,
  decisionId: 'p-1.2026-10.v0001',
  runId: 'run-1',
  createdAt: '2026-11-02T06:00:00.000Z',
  releasedAt: '2026-11-05T10:00:00.000Z',
  review: 'AUTOMATIC',
  payoutOre: 1_234_500,
  inputHash: 'h',
  rulesetVersion: 'r',
  policyVersion: 'p',
  templateVersion: 't',
  supersedes: null,
  files: [
    { path: 'p-1.2026-10.v0001/input-snapshot.json', role: 'ATTACHMENT', format: 'JSON', title: 'Inndata', sha256: 'a', bytes: 1 },
    { path: 'p-1.2026-10.v0001/explanation-uk.pdf', role: 'ATTACHMENT', format: 'PDF/A-2b', language: 'uk', title: 'uk', sha256: 'b', bytes: 2 },
    { path: 'p-1.2026-10.v0001/explanation-nb.pdf', role: 'MAIN', format: 'PDF/A-2b', language: 'nb', title: 'nb', sha256: 'c', bytes: 3 },
  ],
  missing: [{ language: 'ti', reason: 'FONT_LACKS_SCRIPT' }],
};

test('a record: case file per participant, an outgoing registry entry with confidentiality, the main document first, reproducibility data', () => {
  const r = archiveRecord(base);
  expect(r.caseFile).toEqual({ title: 'Introduksjonsstønad – deltaker p-1', caseYear: 2026, party: { participantId: 'p-1', nationalId: '01019012345', role: 'Deltaker' } });
  expect(r.registryEntry).toEqual({ title: 'Vedtak om introduksjonsstønad for 2026-10', type: 'U', documentDate: '2026-11-02', registryDate: '2026-11-05', screening: SCREENING });
  expect(r.documents.map((d) => d.path.split('/')[1])).toEqual(['explanation-nb.pdf', 'explanation-uk.pdf', 'input-snapshot.json']);
  expect(r.businessSpecific).not.toHaveProperty('nationalId');
  expect(r.businessSpecific).toMatchObject({ decisionId: 'p-1.2026-10.v0001', inputHash: 'h', payoutOre: 1_234_500 });
  expect(r.missing).toEqual([{ language: 'ti', reason: 'FONT_LACKS_SCRIPT' }]);
});

test('a correction names the version it corrects; the manifest lists every file once, sorted', () => {
  const v2 = archiveRecord({ ...base, version: 2, decisionId: 'p-1.2026-10.v0002', supersedes: 'p-1.2026-10.v0001' });
  expect(v2.registryEntry.title).toBe('Vedtak om introduksjonsstønad for 2026-10 (versjon 2, retter p-1.2026-10.v0001)');
  const m = archiveManifest('5001', '2026-10', '2026-12-01T10:00:00.000Z', [base]);
  expect(m).toMatchObject({ format: 'introflyt-archive-package', formatVersion: 1, municipality: '5001', period: '2026-10' });
  expect(m.files.map((f) => f.path.split('/')[1])).toEqual(['explanation-nb.pdf', 'explanation-uk.pdf', 'input-snapshot.json']);
});
