/**
 * The AuditLog table's stream as the sealer reads it: Lambda's DynamoDB
 * stream event (on AWS from the event source mapping, locally from the
 * runtime's poller with the same shape). Only INSERTs of inbox items are
 * entries to seal: a MODIFY (someone overwrote a waiting entry) or a REMOVE
 * changes nothing, because the entry sealed is the image of its INSERT,
 * which nobody can change after the fact.
 */
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { INBOX_PREFIX } from './audit-log.js';
import { inboxRecord, type InboxRecord } from './audit-sealer.js';

/** A stream image as plain values; undefined for types without a JSON form (sets, binary). */
export function fromAttributeValue(v: AttributeValue): unknown {
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return Number(v.N);
  if (v.BOOL !== undefined) return v.BOOL;
  if (v.NULL !== undefined) return null;
  if (v.L !== undefined) return v.L.map(fromAttributeValue);
  if (v.M !== undefined) return fromImage(v.M);
  return undefined;
}

export function fromImage(image: Readonly<Record<string, AttributeValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(image)) out[k] = fromAttributeValue(v);
  return out;
}

export interface StreamRecords {
  /** Inbox INSERTs that are entries, in stream order. */
  records: InboxRecord[];
  /** Inbox INSERTs that are not (malformed); left in the inbox, never sealed. */
  rejected: number;
}

export function inboxInserts(records: readonly DynamoDBRecord[]): StreamRecords {
  const out: InboxRecord[] = [];
  let rejected = 0;
  for (const r of records) {
    const image = r.dynamodb?.NewImage;
    if (r.eventName !== 'INSERT' || image === undefined) continue;
    const pk = image.pk?.S;
    if (pk === undefined || !pk.startsWith(INBOX_PREFIX)) continue;
    const rec = inboxRecord(fromImage(image));
    if (rec === undefined) rejected++;
    else out.push(rec);
  }
  return { records: out, rejected };
}
