/**
 * The kiosk authorizer: an API Gateway (HTTP API) Lambda REQUEST authorizer
 * with simple responses, on the routes a kiosk calls (verify-token.ts says
 * what it checks and why). Its context becomes
 * `requestContext.authorizer.lambda`, which shared/http/auth.ts reads like
 * the JWT authorizer's claims. One log line per decision, ids only.
 */
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { handlerWithDeps } from '../../shared/adapters/deps.js';
import { baseLogger } from '../../shared/http/logger.js';
import { decide, settingsFrom } from './verify-token.js';

export const handler = handlerWithDeps((deps) => async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerWithContextResult<Record<string, string>>> => {
  const header = event.headers?.authorization ?? event.identitySource?.[0];
  const decision = await decide(header, settingsFrom(process.env), (clientId) => deps().kioskDevices.getDeviceByClientId(clientId));
  const requestId = event.requestContext?.requestId;
  if (!decision.allow) {
    baseLogger().info('kiosk authorizer: refused', { fn: 'checkin-authorizer', requestId, routeKey: event.routeKey, reason: decision.reason });
    return { isAuthorized: false, context: {} };
  }
  baseLogger().info('kiosk authorizer: allowed', { fn: 'checkin-authorizer', requestId, routeKey: event.routeKey, kind: decision.kind, deviceId: decision.context['custom:deviceId'] });
  return { isAuthorized: true, context: decision.context };
});
