/**
 * The app in-process (`app.request()`, no socket): feeds written to a temporary folder, votes in
 * an in-memory SQLite store, requests from any client address, and a clock the test moves.
 */
import type { Hono } from 'hono';
import { createApp } from '../../../server/app.js';
import { VOTE_INTEGRITY_DEFAULTS, type ServerConfig, type VoteIntegrityConfig } from '../../../server/config.js';
import { loadFeeds, type FeedCatalog } from '../../../server/feeds.js';
import { SqliteVoteStore } from '../../../server/storage/sqlite-store.js';
import { serveInProcess, writeFeeds } from './fixtures.js';
import { ROOT, tempDir } from './server-process.js';

export interface AppUnderTest {
  app: Hono;
  /** The origin `http()` and the fixtures' helpers reach this app at, with no socket. */
  url: string;
  feeds: FeedCatalog;
  store: SqliteVoteStore;
  /** Milliseconds since the test's epoch; move it with `advance`. */
  now: () => number;
  advance: (ms: number) => void;
  /** A request as if from `address` (the TCP peer the server sees). */
  request: (path: string, init?: RequestInit, address?: string) => Promise<Response>;
  logged: string[];
  close: () => Promise<void>;
}

/** The client address of requests that name none. */
const DEFAULT_ADDRESS = '192.0.2.10';
let apps = 0;

export async function appUnderTest({
  feeds: files,
  allowedOrigins = '*',
  integrity = {},
  writes = 1_000_000,
  live,
  writeWindowMs = 10_000,
}: {
  feeds: Record<string, unknown>;
  allowedOrigins?: ServerConfig['allowedOrigins'];
  integrity?: Partial<VoteIntegrityConfig>;
  /** The per-address burst (RATE_LIMIT_WRITES) and its refill time (RATE_LIMIT_WINDOW_MS). */
  writes?: number;
  /** Live stream limits (LIVE_STREAMS, LIVE_STREAMS_PER_CLIENT). */
  live?: { maxStreams?: number; maxStreamsPerClient?: number };
  writeWindowMs?: number;
}): Promise<AppUnderTest> {
  const dir = tempDir();
  writeFeeds(dir.path, files);
  const feeds = await loadFeeds(dir.path).finally(() => dir.remove());
  const store = new SqliteVoteStore(':memory:');
  let clock = 1_000_000_000_000;
  const now = () => clock;
  const logged: string[] = [];
  const stopping = new AbortController();
  const app = createApp({
    signal: stopping.signal,
    feeds,
    store,
    config: {
      allowedOrigins,
      rateLimit: { writes, windowMs: writeWindowMs },
      voteIntegrity: { ...VOTE_INTEGRITY_DEFAULTS, ...integrity },
      live,
    },
    staticRoot: ROOT,
    log: (line) => logged.push(line),
    now,
  });
  const url = `http://app-${(apps += 1)}.test`;
  const env = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
  serveInProcess(url, (target, init) => Promise.resolve(app.request(target, init, env(DEFAULT_ADDRESS))));
  return {
    app,
    url,
    feeds,
    store,
    now,
    advance: (ms) => (clock += ms),
    request: (path, init, address = DEFAULT_ADDRESS) => Promise.resolve(app.request(path, init, env(address))),
    logged,
    close: () => {
      stopping.abort();
      return store.close();
    },
  };
}
