/**
 * GET /audit/verification (admin): the audit chains of the caller's own
 * municipality checked against the audit key and the outside anchor
 * (quality.md S11). The municipality's chains are its participants' and
 * its payroll runs' (`RUN#<runId>`); another municipality's chains are never
 * read, so the report names only the caller's own participants (by id) and
 * says nothing about anyone else's.
 *
 * Quick mode (shared/adapters/audit-verify.ts): one VerifyMac per intact
 * chain. The full check of every MAC of every chain is `npm run audit:verify`.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readAnchoredState } from '../../shared/adapters/audit-anchors.js';
import { readChains, verifyChains, type VerificationReport } from '../../shared/adapters/audit-verify.js';
import { queryAll } from '../../shared/adapters/dynamo.js';
import { ServiceUnavailableError } from '../../shared/http/errors.js';

/** Participant ids of the municipality: the keys of its profile items (gsi1 `M#<muni>#P`), nothing else. */
export async function municipalityParticipants(db: DynamoDBDocumentClient, table: string, municipality: string): Promise<string[]> {
  const items = await queryAll(db, { TableName: table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `M#${municipality}#P` }, ProjectionExpression: 'participantId' });
  return items.flatMap((i) => (typeof i.participantId === 'string' ? [i.participantId] : [])).sort();
}

export async function verifyMunicipality(deps: Pick<Deps, 'payrollRuns' | 'table' | 'auditServices'>, municipality: string, now: Date): Promise<VerificationReport> {
  const participantsTable = deps.table('participants');
  const auditTable = deps.table('auditLog');
  const { mac, anchors } = deps.auditServices;
  const unavailable = () => new ServiceUnavailableError('AUDIT_VERIFICATION_UNAVAILABLE', 'The audit log cannot be verified right now (the audit key or the anchor store did not answer); retry shortly', 30);
  if (mac === undefined || anchors === undefined) throw unavailable();
  const [participants, runs] = await Promise.all([
    municipalityParticipants(participantsTable.db, participantsTable.name, municipality),
    deps.payrollRuns.listRuns(municipality, { limit: Number.MAX_SAFE_INTEGER }),
  ]);
  // A run's own chain is `RUN#<runId>` (shared/features/payroll/runs.ts runAuditChain).
  const chainIds = [...participants, ...runs.map((r) => `RUN#${r.runId}`)];
  try {
    const [chains, anchored] = await Promise.all([readChains(auditTable.db, auditTable.name, chainIds), readAnchoredState(anchors)]);
    return await verifyChains(chains, { mac, anchored, mode: 'quick', now, includeAnchoredOnly: false });
  } catch (err) {
    // A key or anchor service that does not answer is no verdict: refuse rather than report "intact".
    if (err instanceof Error && '$metadata' in err && !String(err.name).startsWith('ResourceNotFound')) throw unavailable();
    throw err;
  }
}
