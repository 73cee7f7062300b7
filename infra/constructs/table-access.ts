/**
 * Turns a route's `tables` map into IAM grants, only through `grant*` (quality.md
 * style 8). The audit log is append-only (quality.md R7, S11): a function that
 * writes it may only PutItem into the inbox partitions (`IN#…`, IAM
 * dynamodb:LeadingKeys), where nothing sealed lives, and never UpdateItem,
 * DeleteItem, BatchWriteItem or PartiQL; sealed entries are the sealing
 * function's alone (infra/constructs/audit-trail.ts).
 */
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { TableKey } from '../../shared/contract/tables.js';

export type TableAccess = 'r' | 'rw';

/** What a function may read of the audit log (sealed and pending entries). */
export const AUDIT_READ_ACTIONS: readonly string[] = ['dynamodb:GetItem', 'dynamodb:Query'];
/** What a writing function may do besides: a create-only PutItem, into inbox partitions only. */
export const AUDIT_APPEND_ACTIONS: readonly string[] = ['dynamodb:PutItem'];
/** The partitions appends may go to (shared/adapters/audit-log.ts `IN#<chain>`). */
export const AUDIT_APPEND_PARTITIONS = 'IN#*';

/** Key use needed to read and write items of a table encrypted with a customer key. */
const AUDIT_KEY_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  r: ['kms:Decrypt', 'kms:DescribeKey'],
  rw: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
};

/** Union of two access levels: a function serving several routes gets the wider one. */
export function widerAccess(a: TableAccess | undefined, b: TableAccess): TableAccess {
  return a === 'rw' || b === 'rw' ? 'rw' : 'r';
}

export function grantTableAccess(
  grantee: IGrantable,
  tables: Readonly<Record<TableKey, ITable>>,
  dataKey: IKey,
  access: Readonly<Partial<Record<TableKey, TableAccess>>>,
): void {
  for (const [key, level] of Object.entries(access) as [TableKey, TableAccess | undefined][]) {
    if (level === undefined) continue;
    const table = tables[key];
    if (table === undefined) throw new Error(`INFRA_UNKNOWN_TABLE: no table "${key}" in the stateful stack`);
    if (key === 'auditLog') {
      table.grant(grantee, ...AUDIT_READ_ACTIONS);
      if (level === 'rw') {
        Grant.addToPrincipal({
          grantee,
          actions: [...AUDIT_APPEND_ACTIONS],
          resourceArns: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [AUDIT_APPEND_PARTITIONS] } },
        });
      }
      dataKey.grant(grantee, ...AUDIT_KEY_ACTIONS[level]);
    } else if (level === 'rw') {
      table.grantReadWriteData(grantee);
    } else {
      table.grantReadData(grantee);
    }
  }
}
