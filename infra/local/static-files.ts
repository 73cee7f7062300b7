/** The built pages (web/dist) for GET paths outside the API: content types, and a path resolution that never leaves the folder. */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

type StaticResult = { kind: 'file'; file: string; stat: Stats } | { kind: 'redirect'; location: string } | { kind: 'bad' } | { kind: 'missing' };

/**
 * Resolves a URL path inside `root`. Refused (bad): undecodable escapes, NUL,
 * backslashes, any `.`/`..` segment (raw or percent-encoded), and anything
 * whose real path (after symlinks) lies outside `root`.
 */
export function resolveStatic(root: string, rawPath: string): StaticResult {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'bad' };
  // An empty segment: `//kiosk` would otherwise redirect to `//kiosk/`, which a browser reads as another host.
  if (decoded.includes('//')) return { kind: 'bad' };
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { kind: 'missing' };
  }
  const target = resolve(realRoot, `.${decoded}`);
  if (target !== realRoot && !target.startsWith(realRoot + sep)) return { kind: 'bad' };
  let real: string;
  let stat: Stats;
  try {
    real = realpathSync(target);
    stat = statSync(real);
  } catch {
    return { kind: 'missing' };
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return { kind: 'bad' };
  if (stat.isDirectory()) {
    // Built from the checked segments: one leading slash, so always a path on this origin.
    if (!decoded.endsWith('/')) return { kind: 'redirect', location: `/${segments.filter((x) => x !== '').map(encodeURIComponent).join('/')}/` };
    const index = join(real, 'index.html');
    try {
      const s = statSync(index);
      return s.isFile() ? { kind: 'file', file: index, stat: s } : { kind: 'missing' };
    } catch {
      return { kind: 'missing' };
    }
  }
  return stat.isFile() ? { kind: 'file', file: real, stat } : { kind: 'missing' };
}
