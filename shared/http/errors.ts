/**
 * The API's error hierarchy (quality.md style 5). Every failure a client can
 * cause is an `AppError` with an HTTP status and a stable `code` that tests,
 * pages and translations key on; `toErrorResponse` is the ONE place errors
 * become HTTP. Anything else is a 500 with a generic body: no stack, no detail.
 *
 * Messages are written here or by handlers and never echo request values, so
 * an error body cannot carry personal data back out (quality.md S7).
 */

export interface Issue {
  /** Where the problem is, e.g. `body.kiosk.pin` or `query.month`. */
  path: string;
  message: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  issues?: Issue[];
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Issue[] | undefined;
  /** Extra response headers (e.g. retry-after). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, opts: { issues?: Issue[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.issues = opts.issues;
    this.headers = opts.headers ?? {};
  }

  toBody(): ErrorBody {
    return this.issues === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, issues: this.issues };
  }
}

// 400 ---------------------------------------------------------------------

export class ValidationError extends AppError {
  constructor(issues: Issue[], message = describeIssues(issues)) {
    super(400, 'VALIDATION_FAILED', message, { issues });
  }
}

/** Fields the schema does not know: rejected, never stored (quality.md S2). */
export class UnknownFieldError extends AppError {
  constructor(paths: string[]) {
    super(400, 'UNKNOWN_FIELD', `Unknown field${paths.length > 1 ? 's' : ''}: ${paths.join(', ')}`, {
      issues: paths.map((path) => ({ path, message: 'unknown field' })),
    });
  }
}

export class MalformedJsonError extends AppError {
  constructor() {
    super(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
  }
}

/** A 400 with a specific code, for domain rules on otherwise valid input (e.g. DEVICE_TIME_IN_FUTURE). */
export class BadRequestError extends AppError {
  constructor(code: string, message: string, issues?: Issue[]) {
    super(400, code, message, issues === undefined ? {} : { issues });
  }
}

// 401 / 403 / 404 -----------------------------------------------------------

export class UnauthenticatedError extends AppError {
  constructor(code = 'UNAUTHENTICATED', message = 'Authentication is required') {
    super(401, code, message);
  }
}

/** FORBIDDEN_ROLE, NOT_ASSIGNED, DEVICE_NOT_REGISTERED, … */
export class ForbiddenError extends AppError {
  constructor(code: string, message: string) {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  /** `code`: NOT_FOUND, or a more specific one (ABSENCE_NOT_FOUND, RIGHTS_CASE_NOT_FOUND, …). */
  constructor(message = 'Not found', code = 'NOT_FOUND') {
    super(404, code, message);
  }
}

// 409 ----------------------------------------------------------------------

/** The CONFLICT family: EVENT_ID_CONFLICT, REQUEST_ID_CONFLICT, ABSENCE_CHANGED, … */
export class ConflictError extends AppError {
  constructor(code: string, message: string, issues?: Issue[]) {
    super(409, code, message, issues === undefined ? {} : { issues });
  }
}

// 413 / 415 / 429 / 503 ------------------------------------------------------

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body must be application/json');
  }
}

/** TOO_MANY_ATTEMPTS (a card's PIN checks are used up), KIOSK_SLOWED_DOWN (a kiosk's back-off), … */
export class TooManyAttemptsError extends AppError {
  constructor(retryAfterSeconds: number, message = 'Too many attempts; try again later', code = 'TOO_MANY_ATTEMPTS') {
    super(429, code, message, { headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) } });
  }
}

/** The service cannot do this safely right now (e.g. AUDIT_UNAVAILABLE, OVERLOADED). */
export class ServiceUnavailableError extends AppError {
  constructor(code: string, message: string, retryAfterSeconds = 1) {
    super(503, code, message, { headers: { 'retry-after': String(retryAfterSeconds) } });
  }
}

// Mapping ------------------------------------------------------------------

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Readonly<Record<string, string>>;
}

export const INTERNAL_BODY: ErrorBody = Object.freeze({ code: 'INTERNAL', message: 'Internal error' }) as ErrorBody;

/**
 * DynamoDB's throttling errors: under overload the API answers 503 with
 * retry-after instead of failing silently (quality.md R8).
 */
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'LimitExceededException']);

/** The one place an error becomes an HTTP status and body. */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (err instanceof AppError) return { status: err.status, body: err.toBody(), headers: err.headers };
  if (err instanceof Error && THROTTLING.has(err.name))
    return { status: 503, body: { code: 'OVERLOADED', message: 'The service is busy; retry shortly' }, headers: { 'retry-after': '1' } };
  return { status: 500, body: { ...INTERNAL_BODY }, headers: {} };
}

function describeIssues(issues: Issue[]): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  return `Invalid request: ${shown.join('; ')}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ''}`;
}
