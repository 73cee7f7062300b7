/**
 * The writes of a retention run (shared/domain/reports/retention.ts), the one
 * exception to "check-in events and absence records are never edited": each
 * is a conditional UpdateItem that only ever removes detail.
 *
 *   EVENT#<eventId> / EVENT    device id → "MINIMISED", the device's clock reading → the counted
 *                              UTC instant, the app's claimed time removed, `minimisedAt` set
 *   P#<pid> / ABS#<key>        category → the group (ILLNESS_MINIMISED or LEAVE_MINIMISED),
 *                              documentation → NONE, history without documentation and reasons,
 *                              `minimisedAt` set
 *
 * Condition on both: the item exists and has no `minimisedAt` (a second run,
 * or two runs at once, change nothing; a deleted item is not recreated).
 *
 * Correction requests (issue 12 item 1) are stored by the correction flow;
 * their text is minimised through `CorrectionTextStore`, the one place that
 * knows that store.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AbsenceRecord } from './attendance-repo.js';
import { parseAbsenceId } from './attendance-repo.js';
import { isConditionFailed } from './dynamo.js';

export const MINIMISED_DEVICE = 'MINIMISED';

export interface CorrectionTextStore {
  /** The participant's correction requests whose text is not yet minimised. */
  listUnminimised(participantId: string): Promise<{ requestId: string; period: string }[]>;
  /** Removes the request's free text (and document reference), keeping its status and answer. */
  minimiseText(participantId: string, requestId: string, at: string): Promise<'minimised' | 'already'>;
}

export interface RetentionRepo {
  minimiseEvent(eventId: string, at: string): Promise<'minimised' | 'already'>;
  minimiseAbsence(record: AbsenceRecord, at: string): Promise<'minimised' | 'already'>;
}

export class DynamoRetentionRepo implements RetentionRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly attendanceTable: string,
  ) {}

  private async update(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<'minimised' | 'already'> {
    try {
      await this.db.send(new UpdateCommand(input));
      return 'minimised';
    } catch (e) {
      if (isConditionFailed(e)) return 'already';
      throw e;
    }
  }

  minimiseEvent(eventId: string, at: string): Promise<'minimised' | 'already'> {
    return this.update({
      TableName: this.attendanceTable,
      Key: { pk: `EVENT#${eventId}`, sk: 'EVENT' },
      UpdateExpression: 'SET deviceId = :m, deviceTime = deviceTimeUtc, minimisedAt = :at REMOVE sentDeviceTime',
      // Only an existing, not yet minimised event: never recreates a deleted one, never minimises twice.
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(minimisedAt)',
      ExpressionAttributeValues: { ':m': MINIMISED_DEVICE, ':at': at },
    });
  }

  minimiseAbsence(record: AbsenceRecord, at: string): Promise<'minimised' | 'already'> {
    const parsed = parseAbsenceId(record.absenceId);
    if (parsed === undefined) throw new Error('minimiseAbsence: malformed absence id');
    const group = record.category === 'PREGNANCY' ? 'LEAVE_MINIMISED' : 'ILLNESS_MINIMISED';
    const history = record.history.map((h) => ({ at: h.at, byRole: h.byRole, byRef: h.byRef, from: h.from, to: h.to }));
    return this.update({
      TableName: this.attendanceTable,
      Key: { pk: `P#${record.participantId}`, sk: `ABS#${parsed.key}` },
      UpdateExpression: 'SET category = :g, documentation = :none, history = :h, minimisedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(minimisedAt)',
      ExpressionAttributeValues: { ':g': group, ':none': 'NONE', ':h': history, ':at': at },
    });
  }
}
