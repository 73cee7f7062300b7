/**
 * The municipality's policy (admin). One function serves both routes (the
 * stateless stack stays under CloudFormation's 500 resources), each with its
 * own validated handler chosen by the route key:
 * - GET /municipality/policy: the current version, or the defaults as
 *   version 0 when none is saved (the admin page's policy form reads it);
 * - PUT /municipality/policy: a new, versioned policy; old versions are kept.
 */
import { httpHandler, ok } from '../../shared/http/middleware.js';
import { dispatchByRoute } from '../../shared/http/route-dispatch.js';
import { policyBodySchema } from './schema.js';
import { readPolicy, updatePolicy } from './update-policy.js';

const FN = 'policy-update';

const read = httpHandler({ fn: FN, route: 'GET /municipality/policy' }, async ({ auth, deps, log }) => {
  const policy = await readPolicy(deps, auth);
  log.append({ version: policy.version });
  return ok(policy);
});

const update = httpHandler({ fn: FN, route: 'PUT /municipality/policy', body: policyBodySchema }, async ({ auth, body, deps, log }) => {
  const policy = await updatePolicy(deps, auth, body);
  log.append({ policyVersion: policy.policyVersion, version: policy.version });
  return ok(policy);
});

export const handler = dispatchByRoute(FN, {
  'GET /municipality/policy': read,
  'PUT /municipality/policy': update,
});
