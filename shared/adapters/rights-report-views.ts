/**
 * The complaint and correction-request store (rights-repo.ts) as the reports
 * and the retention run see it: complaints as `ComplaintFact` (no text), and
 * correction requests as texts to minimise.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { osloDateOf } from '../domain/attendance/oslo-time.js';
import type { ComplaintFact, ComplaintOutcome } from '../domain/reports/complaint-facts.js';
import { isConditionFailed } from './dynamo.js';
import type { ComplaintReader } from './reports-repo.js';
import type { CorrectionTextStore } from './retention-repo.js';
import type { ComplaintRecord, RightsRepo } from './rights-repo.js';

/**
 * Statsforvalteren's outcome seen from the participant: CHANGED and QUASHED
 * (the decision is changed or set aside) are in their favour; CONFIRMED and
 * DISMISSED (the complaint rejected without a review) are not.
 */
const STATSFORVALTER: Readonly<Record<string, ComplaintOutcome>> = {
  CHANGED: 'UPHELD_BY_STATSFORVALTEREN',
  QUASHED: 'UPHELD_BY_STATSFORVALTEREN',
  CONFIRMED: 'NOT_UPHELD_BY_STATSFORVALTEREN',
  DISMISSED: 'NOT_UPHELD_BY_STATSFORVALTEREN',
};

export function complaintFactOf(c: ComplaintRecord): ComplaintFact {
  const base = { complaintId: c.caseId, participantId: c.participantId, decisionId: c.decisionId, receivedOn: c.receivedOn, late: c.late };
  switch (c.status) {
    case 'RECEIVED':
      return { ...base, outcome: 'OPEN', outcomeOn: null };
    case 'UPHELD':
      return { ...base, outcome: 'UPHELD', outcomeOn: c.reassessment === undefined ? null : osloDateOf(c.reassessment.at) };
    case 'FORWARDED':
      return { ...base, outcome: 'FORWARDED', outcomeOn: c.forwardedAt === undefined ? null : osloDateOf(c.forwardedAt) };
    case 'DECIDED': {
      const outcome = c.outcome === undefined ? undefined : STATSFORVALTER[c.outcome.outcome];
      if (c.outcome === undefined || outcome === undefined) throw new Error(`complaint ${c.caseId}: decided without a known outcome`);
      return { ...base, outcome, outcomeOn: c.outcome.decidedOn };
    }
  }
}

const complaintsOf = (cases: Awaited<ReturnType<RightsRepo['listForParticipant']>>) =>
  cases.flatMap((c) => (c.kind === 'COMPLAINT' ? [complaintFactOf(c)] : []));

export function complaintReaderOf(rights: RightsRepo): ComplaintReader {
  return {
    listForParticipant: async (participantId) => complaintsOf(await rights.listForParticipant(participantId)),
    listForMunicipality: async (municipality, fromDate, toDate) =>
      complaintsOf(await rights.listForMunicipality(municipality)).filter((c) => c.receivedOn >= fromDate && c.receivedOn <= toDate),
  };
}

export function correctionTextStoreOf(rights: RightsRepo, db: DynamoDBDocumentClient, table: string): CorrectionTextStore {
  return {
    listUnminimised: async (participantId) =>
      (await rights.listForParticipant(participantId)).flatMap((c) =>
        c.kind === 'CORRECTION_REQUEST' && c.text !== undefined ? [{ requestId: c.caseId, period: c.period }] : [],
      ),
    async minimiseText(participantId, requestId, at) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: `P#${participantId}`, sk: `RIGHTS#${requestId}` },
            // The participant's words and the document reference go; status, answer and history stay.
            // Only an existing correction request whose text is still there: never creates, never twice.
            UpdateExpression: 'SET minimisedAt = :at REMOVE #text, absenceId',
            ConditionExpression: 'attribute_exists(pk) AND kind = :kind AND attribute_exists(#text)',
            ExpressionAttributeNames: { '#text': 'text' },
            ExpressionAttributeValues: { ':at': at, ':kind': 'CORRECTION_REQUEST' },
          }),
        );
        return 'minimised';
      } catch (e) {
        if (isConditionFailed(e)) return 'already';
        throw e;
      }
    },
  };
}
