/** shared/identity/device-activation.ts: code format, key checks, signatures, binding life; the adviser function's route dispatch. */
import { webcrypto } from 'node:crypto';
import type { Context } from 'aws-lambda';
import {
  BINDING_MAX_DAYS,
  bindingActive,
  bindingExpiry,
  checkedPublicKey,
  CODE_ALPHABET,
  formatCode,
  newActivationCode,
  normalizeCode,
  signatureValid,
  signedText,
  type DeviceBinding,
} from '../../shared/identity/device-activation.js';
import type { HttpEvent } from '../../shared/http/middleware.js';

test('codes: 12 letters of the alphabet, typed in any case with dashes and spaces', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const c = newActivationCode();
    expect(c).toMatch(new RegExp(`^[${CODE_ALPHABET}]{12}$`));
    seen.add(c);
    expect(normalizeCode(` ${formatCode(c).toLowerCase()} `)).toBe(c);
  }
  expect(seen.size).toBe(200);
  expect(CODE_ALPHABET).toHaveLength(31);
  for (const bad of ['', 'ABCD-EFGH-JKL', 'ABCD-EFGH-JKLMN', 'ABCD-EFGH-JKL0', 'ABCD-EFGH-JKLI', 'ABCD\u0000EFGH-JKLM']) expect(normalizeCode(bad)).toBeUndefined();
});

test('public keys: only an EC P-256 public key, nothing private', async () => {
  const pair = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pub = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  await expect(checkedPublicKey(pub)).resolves.toEqual({ kty: 'EC', crv: 'P-256', x: pub.x, y: pub.y });
  await expect(checkedPublicKey(await webcrypto.subtle.exportKey('jwk', pair.privateKey))).rejects.toMatchObject({ code: 'PUBLIC_KEY_INVALID' });
  await expect(checkedPublicKey({ ...pub, crv: 'P-384' })).rejects.toMatchObject({ code: 'PUBLIC_KEY_INVALID' });
  await expect(checkedPublicKey({ ...pub, x: pub.y })).rejects.toMatchObject({ code: 'PUBLIC_KEY_INVALID' });
  await expect(checkedPublicKey(null)).rejects.toMatchObject({ code: 'PUBLIC_KEY_INVALID' });
});

test('signatures: by the bound key, over this binding and this challenge only', async () => {
  const pair = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const pub = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
  const sign = async (text: string) => Buffer.from(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, Buffer.from(text))).toString('base64url');
  const sig = await sign(signedText('b1', 'c1'));
  expect(await signatureValid(pub, 'b1', 'c1', sig)).toBe(true);
  expect(await signatureValid(pub, 'b2', 'c1', sig)).toBe(false);
  expect(await signatureValid(pub, 'b1', 'c2', sig)).toBe(false);
  expect(await signatureValid(pub, 'b1', 'c1', 'AAAA')).toBe(false);
  expect(await signatureValid({ kty: 'EC' }, 'b1', 'c1', sig)).toBe(false);
});

test('a binding lives 90 days unless revoked', () => {
  const created = new Date('2026-10-01T08:00:00Z');
  const b: DeviceBinding = { bindingId: 'b', participantId: 'p', municipality: '5001', publicKey: {}, createdAt: created.toISOString(), expiresAt: bindingExpiry(created) };
  const day = 24 * 3600 * 1000;
  expect(bindingActive(b, new Date(created.getTime() + (BINDING_MAX_DAYS - 1) * day))).toBe(true);
  expect(bindingActive(b, new Date(created.getTime() + BINDING_MAX_DAYS * day))).toBe(false);
  expect(bindingActive({ ...b, revokedAt: created.toISOString() }, created)).toBe(false);
  expect(bindingActive(undefined, created)).toBe(false);
});

test('the adviser function serves its three routes by route key, and nothing else', async () => {
  const { handler } = await import('../../functions/participant-device-access/handler.js');
  const r = await handler({ routeKey: 'GET /participants' } as unknown as HttpEvent, {} as Context);
  expect(r.statusCode).toBe(404);
  expect(JSON.parse(r.body!).code).toBe('NO_SUCH_ROUTE');
  const noToken = await handler({ routeKey: 'POST /participants/{id}/activation-codes', requestContext: {}, pathParameters: { id: 'p1' } } as unknown as HttpEvent, {} as Context);
  expect(noToken.statusCode).toBe(401);
});
