/**
 * Server configuration from environment variables. `readConfig` touches no file system and takes
 * the environment as an argument, so tests can check every rule without starting a server.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this file's location, so defaults work from any working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'sqlite-memory' }
  | { kind: 'postgres'; url: string };

export interface RateLimitConfig {
  /** Burst size: how many writes one client may make at once. */
  writes: number;
  /** The time in which a drained bucket fills up again. */
  windowMs: number;
}

export interface ServerConfig {
  port: number;
  host: string;
  feedsDir: string;
  database: DatabaseConfig;
  /** `'*'` for any origin, else the exact origins allowed to call the API from a browser. */
  allowedOrigins: '*' | readonly string[];
  rateLimit: RateLimitConfig;
  /** What makes ballot stuffing expensive (README: "Vote integrity"). */
  voteIntegrity: VoteIntegrityConfig;
}

export interface VoteIntegrityConfig {
  /** Writes must echo a vote token the server signed (`VOTE_PROOF`, on unless `off`). */
  proof: boolean;
  /** Signs vote tokens; servers sharing one database need the same one. Random per process when unset. */
  secret: string | undefined;
  /** Writes one address may make to one comparison per `windowMs`. */
  comparisonWrites: number;
  /** Writes one network (IPv4 /24, IPv6 /48) may make to one comparison per `windowMs`. */
  networkWrites: number;
  /** The time in which those two allowances fill up again. */
  windowMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  feedsDir: 'demo/feeds',
  databaseUrl: 'sqlite:./data/votes.db',
  rateLimitWrites: 20,
  rateLimitWindowMs: 10_000,
  comparisonWrites: 10,
  networkWrites: 30,
  comparisonWindowMs: 600_000,
} as const;

/** Vote integrity as it is with no variables set. */
export const VOTE_INTEGRITY_DEFAULTS: VoteIntegrityConfig = {
  proof: true,
  secret: undefined,
  comparisonWrites: DEFAULTS.comparisonWrites,
  networkWrites: DEFAULTS.networkWrites,
  windowMs: DEFAULTS.comparisonWindowMs,
};

type Env = Readonly<Record<string, string | undefined>>;

/** An empty variable counts as unset, as shells and compose files often leave them empty. */
function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return parsed;
}

export function parseDatabaseUrl(url: string, cwd: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    let path = url.slice('sqlite:'.length);
    if (path === ':memory:') return { kind: 'sqlite-memory' };
    // Also accept the URL-like spelling `sqlite:///abs/path` (and `sqlite://rel/path`).
    if (path.startsWith('//')) path = path.slice(2);
    if (!path) throw new ConfigError('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/votes.db');
    return { kind: 'sqlite', file: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? url;
  throw new ConfigError(
    `DATABASE_URL scheme "${scheme}" is not supported: use sqlite:<file>, sqlite::memory: or postgres://…`,
  );
}

function parseOrigins(raw: string): '*' | string[] {
  if (raw === '*') return '*';
  const origins = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      // Reported below.
    }
    // Browsers send the bare origin; anything else (a path, a trailing slash) would never match.
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError(`ALLOWED_ORIGINS: "${origin}" is not an origin like https://example.com`);
    }
  }
  if (origins.length === 0) throw new ConfigError('ALLOWED_ORIGINS is empty: use * or a list of origins');
  return origins;
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = value(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new ConfigError(`${name} must be "on" or "off", got "${raw}"`);
}

function readVoteIntegrity(env: Env): VoteIntegrityConfig {
  const secret = value(env, 'VOTE_SECRET');
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError('VOTE_SECRET must be at least 32 characters (for example: openssl rand -hex 32)');
  }
  return {
    proof: onOff(env, 'VOTE_PROOF', true),
    secret,
    comparisonWrites: integer(env, 'RATE_LIMIT_COMPARISON_WRITES', DEFAULTS.comparisonWrites, 1, 1_000_000_000),
    networkWrites: integer(env, 'RATE_LIMIT_NETWORK_WRITES', DEFAULTS.networkWrites, 1, 1_000_000_000),
    windowMs: integer(env, 'RATE_LIMIT_COMPARISON_WINDOW_MS', DEFAULTS.comparisonWindowMs, 1, 86_400_000),
  };
}

/** `cwd` anchors relative FEEDS_DIR and sqlite paths, as users expect of paths they type. */
export function readConfig(env: Env, cwd: string = process.cwd()): ServerConfig {
  const feedsDir = value(env, 'FEEDS_DIR');
  return {
    port: integer(env, 'PORT', DEFAULTS.port, 0, 65_535),
    host: value(env, 'HOST') ?? DEFAULTS.host,
    feedsDir: feedsDir ? resolve(cwd, feedsDir) : resolve(PROJECT_ROOT, DEFAULTS.feedsDir),
    database: parseDatabaseUrl(value(env, 'DATABASE_URL') ?? DEFAULTS.databaseUrl, cwd),
    allowedOrigins: parseOrigins(value(env, 'ALLOWED_ORIGINS') ?? '*'),
    rateLimit: {
      writes: integer(env, 'RATE_LIMIT_WRITES', DEFAULTS.rateLimitWrites, 1, 1_000_000_000),
      windowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', DEFAULTS.rateLimitWindowMs, 1, 86_400_000),
    },
    voteIntegrity: readVoteIntegrity(env),
  };
}
