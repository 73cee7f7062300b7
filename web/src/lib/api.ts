/**
 * The API client the pages share. Same origin locally; on AWS the build sets
 * __API_BASE__ to the HTTP API's URL. Errors keep the API's stable `code`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds from the Retry-After header (429, 503), else 0. */
    readonly retryAfter: number = 0,
    /** The fields a 400 names (`{path, message}`), else none. */
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (offline, connection refused, DNS). */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** The raw response of a GET (downloads). */
  raw(path: string): Promise<Response>;
}

export const API_BASE: string = __API_BASE__;

async function errorOf(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText;
  let issues: { path: string; message: string }[] = [];
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown; issues?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.message === 'string') message = body.message;
    if (Array.isArray(body.issues)) issues = body.issues.filter((i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string');
  } catch {
    // Not JSON: keep the status.
  }
  const retryAfter = Number(res.headers.get('retry-after') ?? '0');
  return new ApiError(res.status, code, message, Number.isFinite(retryAfter) ? retryAfter : 0, issues);
}

export function createApi(token: () => string | undefined, onUnauthorized: () => void = () => undefined): Api {
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const t = token();
    if (t !== undefined) headers.authorization = `Bearer ${t}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${API_BASE}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), cache: 'no-store', credentials: 'omit' });
    } catch (err) {
      throw new NetworkError(err instanceof Error ? err.message : 'network error');
    }
    if (res.status === 401) onUnauthorized();
    if (!res.ok) throw await errorOf(res);
    return res;
  }
  return {
    get: async <T>(path: string) => (await (await call('GET', path)).json()) as T,
    send: async <T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) => {
      const res = await call(method, path, body);
      const text = await res.text();
      return (text.length > 0 ? JSON.parse(text) : undefined) as T;
    },
    raw: (path) => call('GET', path),
  };
}

/** A UUID for idempotency keys (event ids, request ids). */
export function newUuid(): string {
  return crypto.randomUUID();
}

/** A read whose 404 means "nothing yet" (no decision for the month): null instead of an error. */
export async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}
