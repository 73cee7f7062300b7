/**
 * Turns a route's `tables` map into IAM grants, only through `grant*` (quality.md
 * style 8). The audit log is append-only (quality.md R7): no function may
 * update or delete an entry, so it gets exactly PutItem, GetItem and Query,
 * never the UpdateItem/DeleteItem/BatchWriteItem that grantReadWriteData adds.
 */
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { TableKey } from '../routes.js';

export type TableAccess = 'r' | 'rw';

/** What a function may do on the audit log; the hash chain is appended with a conditional PutItem. */
export const AUDIT_LOG_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  r: ['dynamodb:GetItem', 'dynamodb:Query'],
  rw: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:Query'],
};

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
      table.grant(grantee, ...AUDIT_LOG_ACTIONS[level]);
      dataKey.grant(grantee, ...AUDIT_KEY_ACTIONS[level]);
    } else if (level === 'rw') {
      table.grantReadWriteData(grantee);
    } else {
      table.grantReadData(grantee);
    }
  }
}
