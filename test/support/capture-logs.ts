/**
 * Captures what the process writes to stdout/stderr (the Powertools Logger
 * writes JSON lines there), for asserting that logs carry ids only (S7).
 */
export interface Captured {
  text(): string;
  /** What was written since the last `take()` (or since capture began): one test's lines, when called after each test. */
  take(): string;
  lines(): Record<string, unknown>[];
  stop(): void;
}

export function captureLogs(): Captured {
  const chunks: string[] = [];
  let taken = 0;
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
    take: () => {
      const since = chunks.slice(taken).join('');
      taken = chunks.length;
      return since;
    },
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

/**
 * S7 for every test of a file, whichever tests run and in whatever order:
 * after each test, the log lines written during that test (and the extra
 * text `more` returns, e.g. its error bodies) must contain none of `secrets`.
 * A test that logs personal data fails itself.
 */
export function scanLogsAfterEach(logs: () => Captured | undefined, secrets: () => Iterable<string>, more: () => string = () => ''): void {
  afterEach(() => {
    const scanned = `${logs()?.take() ?? ''}\n${more()}`;
    expect([...secrets()].filter((s) => scanned.includes(s))).toEqual([]);
  });
}
