/** PUT /municipality/policy (admin): a new, versioned municipality policy; old versions are kept. */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { policyBodySchema } from './schema.js';
import { updatePolicy } from './update-policy.js';

export const handler = httpHandler({ fn: 'policy-update', body: policyBodySchema }, async ({ auth, body, deps, log }) => {
  const policy = await updatePolicy(deps, auth, body);
  log.append({ policyVersion: policy.policyVersion, version: policy.version });
  return ok(policy);
});
