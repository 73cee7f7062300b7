/**
 * What a municipality supplies for sign-in on AWS (docs/deploy.md, step by
 * step): one CDK context value, `introflyt:signIn`, never code. cdk.json
 * holds an example whose ids say REPLACE-ME; `cdk deploy -c` or the
 * municipality's own cdk.context.json gives the real ones. Synthesis checks
 * the shape (a clear error naming the bad field) and warns while an example
 * value is still in place.
 *
 *   siteUrl          the pages' https origin (CloudFront or the municipality's domain): the
 *                    redirect and sign-out URLs of both page clients are made from it
 *   municipalities   the four-digit municipality numbers this deployment serves
 *   idPorten         ID-porten (participants), an OpenID Connect provider: issuer
 *                    (https://idporten.no, or https://test.idporten.no for Digdir's test
 *                    environment), the client id Digdir's self-service gave, and the name of
 *                    the Secrets Manager secret holding its client secret
 *   staffDirectory   the municipality's directory (Microsoft Entra ID over OpenID Connect):
 *                    issuer (https://login.microsoftonline.com/<tenant id>/v2.0), client id,
 *                    secret name, and the claim that proves a second factor (`amr`, values
 *                    such as `mfa`) which the token step requires of every staff sign-in
 *   staffGroups      the directory's group ids → role and municipality (shared/identity/token-step.ts)
 *   domainPrefixes   optional: the two Cognito domain prefixes (hosted sign-in), unique per region
 */
import { Annotations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
// Namespace import (zod 4's advice): lets the bundler drop what is unused.
import * as z from 'zod';
import { staffGroupRulesSchema, type StaffGroupRule } from '../shared/identity/token-step.js';

export const SIGN_IN_CONTEXT = 'introflyt:signIn';

const httpsUrl = z.url({ protocol: /^https$/, message: 'an https URL' });
const secretName = z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'a Secrets Manager secret name');
const clientId = z.string().min(1).max(255);

const provider = z.strictObject({ issuer: httpsUrl, clientId, clientSecretName: secretName });

export const signInContextSchema = z.strictObject({
  siteUrl: httpsUrl.refine((u) => new URL(u).pathname === '/' && !u.endsWith('/'), 'an origin only, without a path or trailing slash'),
  municipalities: z.array(z.string().regex(/^\d{4}$/, 'a four-digit municipality number')).min(1),
  idPorten: provider,
  staffDirectory: provider.extend({
    mfaClaim: z.string().min(1).max(64).default('amr'),
    mfaValues: z.array(z.string().min(1)).min(1).default(['mfa']),
  }),
  staffGroups: staffGroupRulesSchema,
  domainPrefixes: z.strictObject({ participant: z.string().regex(/^[a-z0-9-]{1,63}$/), staff: z.string().regex(/^[a-z0-9-]{1,63}$/) }).optional(),
});

export type SignInContext = z.infer<typeof signInContextSchema> & { staffGroups: StaffGroupRule[] };

/** Reads and checks `introflyt:signIn`; a missing or malformed value stops synthesis with a message naming the field. */
export function readSignInContext(scope: Construct): SignInContext {
  const raw: unknown = scope.node.tryGetContext(SIGN_IN_CONTEXT);
  if (raw === undefined) throw new Error(`INFRA_NO_SIGN_IN: the CDK context value ${SIGN_IN_CONTEXT} is missing (docs/deploy.md)`);
  const parsed = signInContextSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  if (!parsed.success) {
    throw new Error(`INFRA_BAD_SIGN_IN: ${SIGN_IN_CONTEXT}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`);
  }
  const value = parsed.data;
  const unknownMunicipality = value.staffGroups.find((g) => !value.municipalities.includes(g.municipality));
  if (unknownMunicipality !== undefined) throw new Error(`INFRA_BAD_SIGN_IN: ${SIGN_IN_CONTEXT}: staffGroups names municipality ${unknownMunicipality.municipality}, which is not in municipalities`);
  if (JSON.stringify(value).includes('REPLACE-ME')) {
    Annotations.of(scope).addWarningV2('introflyt:signInExample', `${SIGN_IN_CONTEXT} still holds cdk.json's example values (REPLACE-ME): sign-in cannot work until the municipality's values are set (docs/deploy.md)`);
  }
  return value;
}
