/**
 * Values the adviser/admin tests and the fuzz suite share: valid synthetic
 * national identity numbers (mod-11 control digits, as the registration
 * schema demands) and a distinctive synthetic name, so S7 scans can look for
 * them in logs and error bodies.
 */

function control(digits: readonly number[], weights: readonly number[]): number {
  const r = 11 - (weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11);
  return r === 11 ? 0 : r;
}

/**
 * A valid synthetic national id derived from `n`: a Tenor-style test number
 * (month + 80, so it is no real person's), first nine digits varied by `n`,
 * then the two control digits. Ids whose control digit would be 10 are
 * skipped, so every n gives a valid id, and different n give different ids.
 */
export function syntheticNationalId(n: number): string {
  for (let k = 0; ; k++) {
    const v = n * 17 + k;
    const day = 1 + (v % 28);
    const month = 81 + (Math.floor(v / 28) % 12);
    const year = 50 + (Math.floor(v / 336) % 50);
    const individual = 100 + (Math.floor(v / 16800) % 900);
    const nine = `${String(day).padStart(2, '0')}${month}${year}${individual}`;
    const d = [...nine].map(Number);
    const k1 = control(d, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
    if (k1 === 10) continue;
    const k2 = control([...d, k1], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    if (k2 === 10) continue;
    return `${nine}${k1}${k2}`;
  }
}
