/**
 * The activation path's sign-in locally (shared/identity/device-activation.ts), under
 * the local provider's mount, as Cognito's custom authentication does it on AWS
 * (the participant pool's trigger, functions/pre-token/device-auth.ts; docs/deploy.md).
 * Redeeming the code is the API's public route `POST /device-activations` on
 * both (functions/participant-device-access), so the phone is bound the same way.
 *
 *   POST /oidc/device/challenge   {}                          → {challenge}   (random, 2 minutes, single use)
 *   POST /oidc/device/token       {participantId, bindingId, challenge, signature} → {id_token, expires_in}
 *
 * The ID token is the local issuer's, with the participant claims of the
 * token step plus `custom:deviceBinding`; the API checks the binding on every
 * request (shared/http/participant-guard.ts). Same-origin JSON only (the
 * pages are served by the same server).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActivationRefusal, CHALLENGE_VALID_SECONDS, deviceSubject } from '../../shared/identity/device-activation.js';
import { deviceClaims, type ActivationDeps } from '../../shared/identity/device-sign-in.js';
import type { LocalIssuer } from './auth.js';

export const DEVICE_PATHS = ['/oidc/device/challenge', '/oidc/device/token'] as const;

export interface DeviceSignInOptions {
  issuer: LocalIssuer;
  deps: () => Promise<Pick<ActivationDeps, 'bindings' | 'participants'>>;
  tokenSeconds: number;
  now?: () => Date;
}

const STATUS: Record<ActivationRefusal['code'], number> = {
  ACTIVATION_CODE_INVALID: 400,
  TOO_MANY_ATTEMPTS: 429,
  DEVICE_BINDING_INVALID: 401,
  CHALLENGE_INVALID: 401,
  PUBLIC_KEY_INVALID: 400,
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 4096) return undefined;
    chunks.push(c as Buffer);
  }
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown, max = 200): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);

export function createDeviceSignIn(options: DeviceSignInOptions): (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean> {
  const now = options.now ?? (() => new Date());
  /** challenge → epoch ms it expires; taken out when used. */
  const challenges = new Map<string, number>();

  return async (req, res, path) => {
    if (!(DEVICE_PATHS as readonly string[]).includes(path)) return false;
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return true;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      json(res, 415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send application/json' });
      return true;
    }
    const body = await readJson(req);
    if (body === undefined) {
      json(res, 400, { code: 'INVALID_JSON', message: 'the body must be a JSON object of at most 4 KiB' });
      return true;
    }
    try {
      if (path === '/oidc/device/challenge') {
        const t = now().getTime();
        for (const [c, exp] of challenges) if (exp <= t) challenges.delete(c);
        const challenge = randomBytes(32).toString('base64url');
        challenges.set(challenge, t + CHALLENGE_VALID_SECONDS * 1000);
        json(res, 200, { challenge, expiresIn: CHALLENGE_VALID_SECONDS });
      } else {
        const participantId = str(body.participantId, 64);
        const bindingId = str(body.bindingId, 64);
        const challenge = str(body.challenge, 64);
        const signature = str(body.signature, 200);
        if (participantId === undefined || bindingId === undefined || challenge === undefined || signature === undefined)
          throw new ActivationRefusal('CHALLENGE_INVALID', 'participantId, bindingId, challenge and signature are required');
        const exp = challenges.get(challenge);
        // Single use: taken out before anything else, right or wrong.
        challenges.delete(challenge);
        if (exp === undefined || exp <= now().getTime()) throw new ActivationRefusal('CHALLENGE_INVALID', 'the challenge is unknown, used or expired');
        const claims = await deviceClaims(await options.deps(), { participantId, bindingId, challenge, signature, now: now() });
        const idToken = await options.issuer.issueToken({
          sub: deviceSubject(bindingId),
          groups: claims['cognito:groups'] as string[],
          municipality: claims['custom:municipality'] as string,
          participantId: claims['custom:participantId'] as string,
          deviceBinding: bindingId,
          username: 'device',
          ttlSeconds: options.tokenSeconds,
        });
        json(res, 200, { id_token: idToken, token_type: 'Bearer', expires_in: options.tokenSeconds });
      }
    } catch (err) {
      if (!(err instanceof ActivationRefusal)) throw err;
      json(res, STATUS[err.code], { code: err.code, message: err.message });
    }
    return true;
  };
}
