/**
 * Server configuration from environment variables. `readConfig` touches no file system and takes
 * the environment as an argument, so tests can check every rule without starting a server.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root (the folder of this package's package.json), found from this file's location
 * so defaults work from any working directory, both from the sources (`server/config.ts`) and
 * from the compiled package (`dist/lib/server/config.js`).
 */
export function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ai-compare') {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the ai-compare package above ${from}`);
  }
}

export const PROJECT_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

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

/**
 * Which peers may tell the server who the client is. `hops`: that many proxies stand in front
 * of the server, and the address the outermost one saw is the client. `addresses`: only peers
 * in these addresses and CIDR ranges are believed, however many there are.
 */
export type TrustProxy =
  | { kind: 'off' }
  | { kind: 'hops'; hops: number }
  | { kind: 'addresses'; ranges: readonly string[] };

/** The header trusted proxies write the client address into. */
export type ProxyHeader = 'x-forwarded-for' | 'forwarded';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Limits on connections, so slow or idle clients cannot tie the server up. */
export interface TransportConfig {
  /** Time to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Requests one keep-alive connection may make before it is closed (0: no limit). */
  maxRequestsPerSocket: number;
  /** Open connections at once; more are refused until some close. */
  maxConnections: number;
}

export interface ServerConfig {
  port: number;
  host: string;
  feedsDir: string;
  /** Any bad feed file stops start-up (for CI); otherwise the good ones are served. */
  feedsStrict: boolean;
  database: DatabaseConfig;
  /** `'*'` for any origin, else the exact origins allowed to call the API from a browser. */
  allowedOrigins: '*' | readonly string[];
  rateLimit: RateLimitConfig;
  trustProxy: TrustProxy;
  proxyHeader: ProxyHeader;
  logLevel: LogLevel;
  /** Serve the demo pages and feed files at `/`; off serves only the API, bundle and schema. */
  demo: boolean;
  transport: TransportConfig;
  /** What makes ballot stuffing expensive (README: "Vote integrity"). */
  voteIntegrity: VoteIntegrityConfig;
  /** Live result streams (Server-Sent Events) this server keeps open at most. */
  live: { maxStreams: number; maxStreamsPerClient: number };
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
  /**
   * The origins this server's own pages are served at (`PUBLIC_ORIGIN`), which may always vote.
   * Unset, a page whose origin names the host the request was sent to counts as the server's own.
   */
  publicOrigins?: readonly string[];
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
  logLevel: 'info',
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxRequestsPerSocket: 1_000,
  // Room for every live stream (one connection each) plus as many ordinary connections.
  maxConnections: 10_000,
  liveStreams: 5_000,
  liveStreamsPerClient: 32,
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

/** A comma-separated list of origins in the setting `name`; `wanted` says what else it may be. */
function originList(raw: string, name: string, wanted = 'a list of origins'): string[] {
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
      throw new ConfigError(`${name}: "${origin}" is not an origin like https://example.com`);
    }
  }
  if (origins.length === 0) throw new ConfigError(`${name} is empty: use ${wanted}`);
  return origins;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = value(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'on', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'off', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off, got "${raw}"`);
}

/** Shorthands for the usual places proxies run. */
const PROXY_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

export function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || ['0', 'off', 'false', 'no'].includes(raw.toLowerCase())) return { kind: 'off' };
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 32) throw new ConfigError(`TRUST_PROXY: ${hops} proxies in a row is not plausible; use 1 to 32`);
    return { kind: 'hops', hops };
  }
  const ranges: string[] = [];
  for (const entry of raw.split(',').map((part) => part.trim()).filter(Boolean)) {
    const named = PROXY_RANGES[entry.toLowerCase()];
    if (named) {
      ranges.push(...named);
      continue;
    }
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max);
    if (!family || !validBits || extra !== undefined) {
      throw new ConfigError(
        `TRUST_PROXY: "${entry}" is not an address or CIDR range (e.g. 10.0.0.1, 10.0.0.0/8, ::1, loopback, private) or a hop count`,
      );
    }
    ranges.push(bits === undefined ? `${address}/${max}` : entry);
  }
  if (ranges.length === 0) throw new ConfigError('TRUST_PROXY is empty: use off, a hop count or addresses');
  return { kind: 'addresses', ranges };
}

function parseProxyHeader(raw: string | undefined): ProxyHeader {
  const header = raw?.toLowerCase() ?? 'x-forwarded-for';
  if (header !== 'x-forwarded-for' && header !== 'forwarded') {
    throw new ConfigError(`TRUST_PROXY_HEADER must be x-forwarded-for or forwarded, got "${raw}"`);
  }
  return header;
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

function parseLogLevel(raw: string | undefined): LogLevel {
  const level = (raw?.toLowerCase() ?? DEFAULTS.logLevel) as LogLevel;
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return level;
}

function readVoteIntegrity(env: Env): VoteIntegrityConfig {
  const secret = value(env, 'VOTE_SECRET');
  const publicOrigins = value(env, 'PUBLIC_ORIGIN');
  if (secret !== undefined && secret.length < 32) {
    throw new ConfigError('VOTE_SECRET must be at least 32 characters (for example: openssl rand -hex 32)');
  }
  return {
    proof: flag(env, 'VOTE_PROOF', true),
    secret,
    comparisonWrites: integer(env, 'RATE_LIMIT_COMPARISON_WRITES', DEFAULTS.comparisonWrites, 1, 1_000_000_000),
    networkWrites: integer(env, 'RATE_LIMIT_NETWORK_WRITES', DEFAULTS.networkWrites, 1, 1_000_000_000),
    windowMs: integer(env, 'RATE_LIMIT_COMPARISON_WINDOW_MS', DEFAULTS.comparisonWindowMs, 1, 86_400_000),
    ...(publicOrigins !== undefined && { publicOrigins: originList(publicOrigins, 'PUBLIC_ORIGIN') }),
  };
}

/** `cwd` anchors relative FEEDS_DIR and sqlite paths, as users expect of paths they type. */
export function readConfig(env: Env, cwd: string = process.cwd()): ServerConfig {
  const feedsDir = value(env, 'FEEDS_DIR');
  const allowedOrigins = value(env, 'ALLOWED_ORIGINS') ?? '*';
  const transport: TransportConfig = {
    headersTimeoutMs: integer(env, 'HEADERS_TIMEOUT_MS', DEFAULTS.headersTimeoutMs, 100, 600_000),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', DEFAULTS.requestTimeoutMs, 100, 3_600_000),
    keepAliveTimeoutMs: integer(env, 'KEEP_ALIVE_TIMEOUT_MS', DEFAULTS.keepAliveTimeoutMs, 0, 600_000),
    maxRequestsPerSocket: integer(env, 'MAX_REQUESTS_PER_SOCKET', DEFAULTS.maxRequestsPerSocket, 0, 1_000_000_000),
    maxConnections: integer(env, 'MAX_CONNECTIONS', DEFAULTS.maxConnections, 1, 1_000_000),
  };
  // Node refuses a headers timeout longer than the whole request's.
  if (transport.headersTimeoutMs > transport.requestTimeoutMs) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_MS (${transport.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${transport.requestTimeoutMs})`,
    );
  }
  return {
    port: integer(env, 'PORT', DEFAULTS.port, 0, 65_535),
    host: value(env, 'HOST') ?? DEFAULTS.host,
    feedsDir: feedsDir ? resolve(cwd, feedsDir) : resolve(PROJECT_ROOT, DEFAULTS.feedsDir),
    feedsStrict: flag(env, 'FEEDS_STRICT', false),
    database: parseDatabaseUrl(value(env, 'DATABASE_URL') ?? DEFAULTS.databaseUrl, cwd),
    allowedOrigins: allowedOrigins === '*' ? '*' : originList(allowedOrigins, 'ALLOWED_ORIGINS', '* or a list of origins'),
    rateLimit: {
      writes: integer(env, 'RATE_LIMIT_WRITES', DEFAULTS.rateLimitWrites, 1, 1_000_000_000),
      windowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', DEFAULTS.rateLimitWindowMs, 1, 86_400_000),
    },
    trustProxy: parseTrustProxy(value(env, 'TRUST_PROXY')),
    proxyHeader: parseProxyHeader(value(env, 'TRUST_PROXY_HEADER')),
    logLevel: parseLogLevel(value(env, 'LOG_LEVEL')),
    demo: flag(env, 'DEMO', true),
    transport,
    voteIntegrity: readVoteIntegrity(env),
    live: {
      maxStreams: integer(env, 'LIVE_STREAMS', DEFAULTS.liveStreams, 0, 1_000_000),
      maxStreamsPerClient: integer(env, 'LIVE_STREAMS_PER_CLIENT', DEFAULTS.liveStreamsPerClient, 0, 1_000_000),
    },
  };
}
