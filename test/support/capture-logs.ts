/**
 * Captures what the process writes to stdout/stderr (the Powertools Logger
 * writes JSON lines there), for asserting that logs carry ids only (S7).
 */
export interface Captured {
  text(): string;
  lines(): Record<string, unknown>[];
  stop(): void;
}

export function captureLogs(): Captured {
  const chunks: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const grab = (chunk: unknown): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  process.stdout.write = grab as typeof process.stdout.write;
  process.stderr.write = grab as typeof process.stderr.write;
  return {
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.trim().startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    stop: () => {
      process.stdout.write = out;
      process.stderr.write = err;
    },
  };
}
