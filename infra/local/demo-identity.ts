/**
 * Demo sign-in (`npm start` only, never on AWS): the seeded demo users, the
 * body of `POST /local/token`, and the rule that demo sign-in listens on this
 * machine only unless `allowDemoOnNetwork` says otherwise.
 */
import { isIPv4, isIPv6 } from 'node:net';
// Namespace import (zod 4's advice): lets the bundler drop what is unused (a named `z` import carries all of zod, locales included).
import * as z from 'zod';
import type { Role } from '../../shared/contract/roles.js';

/** A seeded demo user that `POST /local/token` may sign in by username. */
export interface DemoUser {
  username: string;
  sub: string;
  groups: readonly Role[];
  municipality: string;
  participantId?: string;
  deviceId?: string;
}

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form) or `localhost`: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  if (isIPv4(h)) return h.startsWith('127.');
  if (isIPv6(h)) {
    // The URL parser writes an IPv6 address in one canonical form: ::1, and ::ffff:7f00:1 for ::ffff:127.0.0.1.
    const canonical = new URL(`http://[${h}]/`).hostname;
    return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical);
  }
  return false;
}

export class DemoOnNetworkError extends Error {
  readonly code = 'LOCAL_DEMO_ON_NETWORK';
  constructor(host: string) {
    super(
      `LOCAL_DEMO_ON_NETWORK: HOST=${host} is not a loopback address, and demo sign-in is on (POST /local/token gives anyone who can reach it ` +
        'a token for any demo user, without a password). Use HOST=127.0.0.1, or set INTROFLYT_ALLOW_DEMO_ON_NETWORK=1 if every machine that can reach this one may act as any demo user.',
    );
    this.name = 'DemoOnNetworkError';
  }
}

/** Throws DemoOnNetworkError when demo sign-in would be served beyond this machine without the explicit flag. */
export function checkDemoHost(host: string, demo: boolean, allowDemoOnNetwork: boolean): void {
  if (demo && !allowDemoOnNetwork && !isLoopbackHost(host)) throw new DemoOnNetworkError(host);
}


export const tokenBody = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be a demo username such as adviser1' }),
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(12 * 3600)
    .optional(),
});
