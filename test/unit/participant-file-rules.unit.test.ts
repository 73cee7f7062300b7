/**
 * The pure rules behind the Participants table's stores (shared/domain):
 * the facts on a date from their effective-dated history, the access status
 * a stored record says, replacing a participant's advisers, and what issuing
 * kiosk credentials does to the ones the participant holds.
 */
import { assignmentChange } from '../../shared/domain/adviser-assignment.js';
import { credentialChange, credentialSecretHash, deviceSecretHash } from '../../shared/domain/attendance/kiosk-credentials.js';
import { accessStatusOf } from '../../shared/domain/participant-access.js';
import { FACT_KEYS, factsOf, factsOn } from '../../shared/domain/participant-facts.js';
import { FACTS, factChange as change } from '../support/participant-facts.js';

test('factsOn: changes apply in version order from their effectiveFrom; without a baseline there are no facts', () => {
  const history = [change(3, '2026-11-01', { children: 3 }), change(1, null, FACTS), change(2, '2026-10-01', { children: 2, soleCarer: true })];
  expect(factsOn(history, '2026-09-01')).toMatchObject({ children: 0, soleCarer: false });
  expect(factsOn(history, '2026-10-01')).toMatchObject({ children: 2, soleCarer: true });
  expect(factsOn(history, '2026-12-01')).toMatchObject({ children: 3, soleCarer: true });
  // A later correction with effectiveFrom null overrides every month from its version on.
  expect(factsOn([...history, change(4, null, { children: 1 })], '2026-12-01')).toMatchObject({ children: 1 });
  expect(factsOn([change(2, null, { children: 2 })], '2026-10-01')).toBeUndefined();
  // The input is not reordered in place.
  expect(history.map((c) => c.version)).toEqual([3, 1, 2]);
});

test('factsOf: exactly the facts of a record that holds more', () => {
  const profile = { ...FACTS, participantId: 'p-1', municipality: '5001', givenName: 'not a fact' };
  expect(factsOf(profile)).toEqual(FACTS);
  expect(Object.keys(factsOf(profile)).sort()).toEqual([...FACT_KEYS].sort());
});

test('accessStatusOf: no record is OPEN; only an explicit OPEN is open, anything else fails shut', () => {
  expect(accessStatusOf(undefined)).toBe('OPEN');
  expect(accessStatusOf({ status: 'OPEN' })).toBe('OPEN');
  expect(accessStatusOf({ status: 'CLOSED' })).toBe('CLOSED');
  expect(accessStatusOf({ status: 'open' })).toBe('CLOSED');
  expect(accessStatusOf({})).toBe('CLOSED');
});

test('assignmentChange: the wanted set once and sorted; who is removed and who is added', () => {
  expect(assignmentChange(['a-1', 'a-2'], ['a-3', 'a-2', 'a-3'])).toEqual({ wanted: ['a-2', 'a-3'], removed: ['a-1'], added: ['a-3'] });
  expect(assignmentChange([], [])).toEqual({ wanted: [], removed: [], added: [] });
  expect(assignmentChange(['a-1'], [])).toEqual({ wanted: [], removed: ['a-1'], added: [] });
});

describe('credentialChange', () => {
  const card = (s: string) => ({ kind: 'CARD' as const, secretHash: `c-${s}` });
  const qr = (s: string) => ({ kind: 'QR' as const, secretHash: `q-${s}` });

  test('a first card: nothing replaced or kept', () => {
    expect(credentialChange({}, [card('1')])).toEqual({ next: { CARD: 'c-1' }, replaced: [], kept: [] });
  });

  test('a new card replaces the old card; the QR token is kept (it takes the new PIN)', () => {
    expect(credentialChange({ CARD: 'c-1', QR: 'q-1' }, [card('2')])).toEqual({ next: { CARD: 'c-2', QR: 'q-1' }, replaced: [card('1')], kept: [qr('1')] });
  });

  test('both kinds issued at once replace both, CARD first', () => {
    expect(credentialChange({ CARD: 'c-1', QR: 'q-1' }, [qr('2'), card('2')])).toEqual({ next: { CARD: 'c-2', QR: 'q-2' }, replaced: [card('1'), qr('1')], kept: [] });
  });

  test('the same card issued again (a new PIN only) is no replacement', () => {
    expect(credentialChange({ CARD: 'c-1' }, [card('1')])).toEqual({ next: { CARD: 'c-1' }, replaced: [], kept: [] });
  });

  test('a new PIN alone keeps every credential', () => {
    expect(credentialChange({ CARD: 'c-1', QR: 'q-1' }, [])).toEqual({ next: { CARD: 'c-1', QR: 'q-1' }, replaced: [], kept: [card('1'), qr('1')] });
  });
});

test('secret hashes: deterministic, separated by kind, device secrets apart from cards', () => {
  expect(credentialSecretHash('CARD', 'X')).toBe(credentialSecretHash('CARD', 'X'));
  expect(credentialSecretHash('CARD', 'X')).toMatch(/^[0-9a-f]{64}$/);
  expect(credentialSecretHash('CARD', 'X')).not.toBe(credentialSecretHash('QR', 'X'));
  expect(deviceSecretHash('X')).not.toBe(credentialSecretHash('CARD', 'X'));
});
