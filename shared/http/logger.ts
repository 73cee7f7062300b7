/**
 * Structured JSON logs with ids only (quality.md style 11, S7). One Powertools
 * Logger per process; per-request keys are passed with each line instead of
 * `appendKeys`, so concurrent requests in one process (the local runtime)
 * never see each other's keys. Values are scalars by type: a body, a name or
 * a health field cannot be handed to the logger as an object.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export type LogValue = string | number | boolean | undefined;
export type LogKeys = Readonly<Record<string, LogValue>>;

let base: Logger | undefined;

export function baseLogger(): Logger {
  base ??= new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'introflyt' });
  return base;
}

export interface RequestLog {
  info(message: string, keys?: LogKeys): void;
  warn(message: string, keys?: LogKeys): void;
  error(message: string, keys?: LogKeys): void;
  /** Adds keys to every later line of this request (e.g. `participantRef`). */
  append(keys: LogKeys): void;
}

export function requestLog(initial: LogKeys, logger: Logger = baseLogger()): RequestLog {
  const keys: Record<string, LogValue> = { ...initial };
  const line = (extra: LogKeys | undefined) => ({ ...keys, ...extra });
  return {
    info: (message, extra) => logger.info(message, line(extra)),
    warn: (message, extra) => logger.warn(message, line(extra)),
    error: (message, extra) => logger.error(message, line(extra)),
    append: (extra) => Object.assign(keys, extra),
  };
}
