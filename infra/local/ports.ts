/**
 * Free TCP ports for the local runtime and its tests. The port is found by
 * binding port 0 and releasing it; a child (DynamoDB Local) may still lose a
 * race for it, so callers that spawn a process retry on a bind failure.
 */
import { createServer } from 'node:net';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => (port === undefined ? reject(new Error('LOCAL_NO_PORT: the OS gave no port')) : resolve(port)));
    });
  });
}

/** A port number given by a person or an env var: an integer 0..65535 (0 = any free port). */
export function parsePort(raw: string | number | undefined, fallback: number, name = 'PORT'): number {
  if (raw === undefined || raw === '') return fallback;
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`LOCAL_BAD_PORT: ${name} must be an integer from 0 to 65535 (0 = any free port)`);
  }
  return n;
}
