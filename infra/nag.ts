/**
 * The cdk-nag (AWS Solutions) findings this app accepts, each acknowledged on
 * the one construct it concerns, for the one finding id, with the reason.
 * Everything else is fixed in the constructs: a new finding fails the synth
 * and the infra tests (quality.md S8).
 */
import { Validations } from 'aws-cdk-lib';
import { IntroflytFunction } from './constructs/introflyt-function.js';
import { tableArnExportName } from './constructs/shared-tables.js';
import type { IntroflytStatefulStack } from './stateful-stack.js';
import type { IntroflytStatelessStack } from './stateless-stack.js';
import { TABLES } from '../shared/contract/tables.js';

const REASONS = {
  nodeRuntime:
    'Node.js 22 on purpose: the same handler modules run locally on the node@22 dev dependency (npm start, tests), and the ' +
    'bundles target node22. Moving to a newer runtime is one change of Runtime and target once the local toolchain is checked on it.',
  xray:
    'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions (AWS service authorization ' +
    'reference for X-Ray); CDK adds them for active tracing. These are the only actions on "*".',
  tableIndexes:
    "Table.grantReadData/grantReadWriteData scope index access to this one table's own indexes (<table ARN>/index/*); " +
    'no other table is reachable. The functions query gsi1.',
  kmsWildcards:
    'Table.grantReadWriteData grants kms:GenerateDataKey* and kms:ReEncrypt* on the one customer key of the tables ' +
    '(resource is that key ARN, not "*"), as DynamoDB needs to encrypt items written with a customer-managed key.',
  mfa:
    'This pool serves participants and kiosk devices only: participants will sign in through ID-porten (which does its own ' +
    'strong authentication), kiosks with client credentials (no user, no second factor), and many participants have no ' +
    'smartphone. Staff have their own pool with MFA required (TOTP). Risky sign-ins are blocked by the Plus tier threat ' +
    'protection in enforced mode.',
  publicRoute:
    'Redeeming an activation code (POST /device-activations) is public by design: the phone has no token before it is bound ' +
    '(docs/deploy.md). It has its own API Gateway route throttle, and its handler counts every attempt per code (5 tries, single ' +
    'use, 15 minutes) and per source address (20 an hour) in DynamoDB before comparing; a code is 31^8 secret. ' +
    'infra/route-validation.ts allows no other public route.',
} as const;

export function addNagSuppressions(stateful: IntroflytStatefulStack, stateless: IntroflytStatelessStack): void {
  Validations.of(stateless.users.userPool).acknowledge({ id: 'AwsSolutions-COG2', reason: REASONS.mfa });
  for (const route of stateless.httpApi.publicRoutes) Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: REASONS.publicRoute });

  // Every function of the stack, including ones added later outside the route table.
  const functions = stateless.node.findAll().filter((c): c is IntroflytFunction => c instanceof IntroflytFunction);
  for (const fn of functions) acknowledgeFunction(stateful, fn);
}

function acknowledgeFunction(stateful: IntroflytStatefulStack, fn: IntroflytFunction): void {
  Validations.of(fn.function).acknowledge({ id: 'AwsSolutions-L1', reason: REASONS.nodeRuntime });

  const role = fn.function.role;
  if (role === undefined) throw new Error(`INFRA_NAG_NO_ROLE: function ${fn.node.path} has no role`);
  Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: REASONS.xray });

  let writesData = false;
  for (const def of TABLES) {
    const level = fn.tableAccess[def.key];
    // The audit log is granted action by action (no wildcard); see constructs/table-access.ts.
    if (level === undefined || def.key === 'auditLog') continue;
    if (level === 'rw') writesData = true;
    if (def.gsis.length === 0) continue;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${tableArnExportName(stateful.stackName, def.id)}/index/*]`,
      reason: REASONS.tableIndexes,
    });
  }
  if (writesData) {
    Validations.of(role).acknowledge(
      { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: REASONS.kmsWildcards },
      { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: REASONS.kmsWildcards },
    );
  }
}
