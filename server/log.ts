/**
 * Structured logs: one JSON object per line, so journald, Docker and log shippers can parse
 * them. Requests and notices go to standard output, warnings and errors to standard error.
 * Nothing that identifies a reader (voter ids, query strings) is ever logged.
 */
import type { LogLevel } from './config.js';

export type LogFields = Record<string, string | number | boolean | null | undefined | readonly unknown[]>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Whether entries of `level` are written (so callers can skip gathering their fields). */
  logs(level: Exclude<LogLevel, 'silent'>): boolean;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface LogSinks {
  out: (line: string) => void;
  err: (line: string) => void;
}

const STANDARD_SINKS: LogSinks = {
  out: (line) => process.stdout.write(line),
  err: (line) => process.stderr.write(line),
};

export function createLogger(level: LogLevel, sinks: LogSinks = STANDARD_SINKS): Logger {
  const at =
    (entryLevel: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: LogFields = {}): void => {
      if (RANK[entryLevel] < RANK[level]) return;
      const line = `${JSON.stringify({ time: new Date().toISOString(), level: entryLevel, msg: message, ...fields })}\n`;
      (RANK[entryLevel] >= RANK.warn ? sinks.err : sinks.out)(line);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    logs: (entryLevel) => RANK[entryLevel] >= RANK[level],
  };
}

/** A logger that drops everything, for tests and tools. */
export const silentLogger: Logger = createLogger('silent');
