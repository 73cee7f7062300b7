/**
 * The kiosk's calls with its device token (device.ts), typed from
 * shared/contract/responses.ts: identify (card or QR with PIN) and check in
 * or out. A token the API refuses is renewed once (an expired one, or a
 * deactivated device, which renewing reveals).
 */
import type { CheckinReceiptResponse, IdentificationResponse } from '../../../shared/contract/responses.js';
import { ApiError, createApi } from '../lib/api.js';
import { CredentialRevoked, type DeviceSession } from './device.js';
import type { KioskCredential } from './queue.js';

/** 401/403 answers that refuse the request, not the kiosk's token. */
const REQUEST_REFUSALS = new Set(['IDENTIFICATION_FAILED', 'IDENTIFICATION_EXPIRED', 'DEVICE_MISMATCH', 'UNKNOWN_PARTICIPANT']);

export interface CheckinBody {
  eventId: string;
  type: 'IN' | 'OUT';
  deviceId: string;
  deviceTime: string;
  identification?: string;
  kiosk?: unknown;
  queued?: true;
}

export function kioskApi(session: () => DeviceSession | undefined) {
  let currentToken: string | undefined;
  const api = createApi(() => currentToken);
  async function send<T>(path: string, body: unknown): Promise<T> {
    const s = session();
    if (s === undefined) throw new CredentialRevoked();
    currentToken = await s.token();
    try {
      return await api.send<T>('POST', path, body);
    } catch (err) {
      // 401/403 about the token or the device (the gateway's, or DEVICE_NOT_REGISTERED), not a refusal of the request itself.
      if (err instanceof ApiError && (err.status === 401 || err.status === 403) && !REQUEST_REFUSALS.has(err.code)) {
        currentToken = await s.renew();
        return api.send<T>('POST', path, body);
      }
      throw err;
    }
  }
  return {
    identify: (credential: KioskCredential) => send<IdentificationResponse>('/kiosk-identifications', credential),
    checkin: (body: CheckinBody) => send<CheckinReceiptResponse>('/checkins', body),
    forget: () => (currentToken = undefined),
  };
}
