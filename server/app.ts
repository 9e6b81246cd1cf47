/**
 * The HTTP application: the feed and vote API, health checks, the widget bundle and (unless
 * `DEMO=off`) the demo site. It does not listen; `start.ts` serves it, and tests call
 * `app.request()` directly. A new route is one `register…(app, …)` line below.
 */
import { Hono } from 'hono';
import { VOTE_INTEGRITY_DEFAULTS, type ServerConfig } from './config.js';
import type { FeedCatalog, FeedProblem } from './feeds.js';
import { clientKeys } from './http/client-ip.js';
import { isApi, withAnswerHeaders } from './http/answer-headers.js';
import { apiError } from './http/errors.js';
import { MemoryRateLimiter, type BucketOptions, type RateLimiter } from './http/rate-limit.js';
import { requestLog } from './http/request-log.js';
import { ComparisonLimits } from './http/vote-limits.js';
import { BodyCutOff } from './http/node-answer.js';
import { votesOriginsFor } from './http/vote-origins.js';
import { VoteTokens } from './http/vote-token.js';
import { LiveTallies, type LiveLimits } from './live/live-tallies.js';
import { createLogger, type Logger } from './log.js';
import { registerFeedRoute } from './routes/feed-route.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerComparisonPages } from './routes/page-route.js';
import { registerSchemaRoute } from './routes/schema-route.js';
import { registerBundleRoutes, registerDemoRoutes, registerPageAssets } from './routes/static-files.js';
import { registerLiveRoute } from './routes/live-route.js';
import { registerVoteRoutes } from './routes/votes-route.js';
import { TallyCache } from './storage/tally-cache.js';
import type { VoteStore } from './storage/vote-store.js';

/** What the app needs of the configuration; the rest has safe defaults for tests. */
export type AppConfig = Pick<ServerConfig, 'allowedOrigins' | 'rateLimit'> &
  Partial<Pick<ServerConfig, 'trustProxy' | 'proxyHeader' | 'demo' | 'voteIntegrity'>> & {
    live?: Partial<LiveLimits>;
  };

export interface AppOptions {
  feeds: FeedCatalog;
  store: VoteStore;
  config: AppConfig;
  /** The folder holding `demo/` and `dist/`. */
  staticRoot: string;
  /** Where failures are reported as text; the logger's errors (or standard error) by default. */
  log?: (message: string) => void;
  /** Structured logs, one line per request among them; nothing is logged by default. */
  logger?: Logger;
  /** Feed files that are not served as they are now, for `/readyz`. */
  feedProblems?: () => readonly FeedProblem[];
  /** The clock of the rate limits and vote tokens (benchmarks simulate hours with it). */
  now?: () => number;
  /** Ends the live streams when aborted, so a stopping server need not wait for them. */
  signal?: AbortSignal;
}


export function createApp({
  feeds,
  store,
  config,
  staticRoot,
  logger: given,
  log = given ? (message) => given.error(message) : console.error,
  feedProblems,
  now,
  signal,
}: AppOptions): Hono {
  const logger = given ?? createLogger('silent');
  const app = new Hono();
  /** Shared through the store's database when it has one for several servers, else in memory. */
  const rateLimiter = (name: string, bucket: BucketOptions): RateLimiter =>
    store.rateLimiter?.(name, bucket) ?? new MemoryRateLimiter({ ...bucket, now });
  const limiter = rateLimiter('writes', { capacity: config.rateLimit.writes, windowMs: config.rateLimit.windowMs });
  const integrity = config.voteIntegrity ?? VOTE_INTEGRITY_DEFAULTS;
  const clientKey = clientKeys(config.trustProxy ?? { kind: 'off' }, config.proxyHeader ?? 'x-forwarded-for');

  // Below `info` no request is logged: the busy path does not even time them.
  if (logger.logs('info')) app.use('*', requestLog(logger));
  withAnswerHeaders(app, { allowedOrigins: config.allowedOrigins, originsFor: (path) => votesOriginsFor(feeds, path) });
  registerHealthRoutes(app, { store, feeds, feedProblems });
  registerFeedRoute(app, feeds);
  const tallies = new TallyCache(store);
  const live = new LiveTallies(store, tallies, config.live);
  signal?.addEventListener('abort', () => live.close(), { once: true });
  registerLiveRoute(app, { feeds, live, clientKey });
  registerSchemaRoute(app);
  registerVoteRoutes(app, {
    feeds,
    clientKey,
    store,
    limiter,
    integrity: {
      allowedOrigins: config.allowedOrigins,
      comparisonLimits: new ComparisonLimits({ ...integrity, now, limiter: rateLimiter }),
      tokens: integrity.proof ? new VoteTokens({ secret: integrity.secret, now }) : undefined,
      publicOrigins: integrity.publicOrigins,
    },
    tallies,
    // Per process, even over PostgreSQL: a shared bucket would add a database round trip to every
    // personal read, and a flood of reads stuffs no ballot. Writes are what the shared limits guard.
    readLimiter: new MemoryRateLimiter({ capacity: config.rateLimit.writes, windowMs: config.rateLimit.windowMs, now }),
    log,
  });
  registerComparisonPages(app, {
    feeds,
    tallies,
    clientKey,
    // Renders are the costly part of a page: 20 a second for the server, 10 in 10 s per client.
    renders: new MemoryRateLimiter({ capacity: 20, windowMs: 1000, now }),
    rendersPerClient: new MemoryRateLimiter({ capacity: 10, windowMs: 10_000, now }),
  });
  registerBundleRoutes(app, staticRoot);
  registerPageAssets(app, staticRoot);
  if (config.demo ?? true) registerDemoRoutes(app, staticRoot);

  app.notFound((c) => (isApi(c.req.path) ? apiError(c, 'not-found', 'No such API route.') : c.text('Not found', 404)));
  app.onError((error, c) => {
    // A body cut off mid-way is the client's doing, and common on flaky networks: a 400 for the
    // request log, no stack trace.
    // (Not whether the request's stream is destroyed: Node destroys it once its body has been
    // read in full, and a failure after that is the server's.)
    if (error instanceof BodyCutOff) {
      logger.debug('request body cut off by the client', { method: c.req.method, path: c.req.path });
      return apiError(c, 'bad-request', 'The request body was cut off.');
    }
    log(`unexpected error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    if (!isApi(c.req.path)) return c.text('Internal server error', 500);
    return apiError(c, 'internal', 'Something went wrong on the server.');
  });
  return app;
}
