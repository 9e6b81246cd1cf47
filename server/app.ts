/**
 * The HTTP application: the feed and vote API plus the demo site. It does not listen; `main.ts`
 * serves it, and tests call `app.request()` directly.
 */
import { Hono } from 'hono';
import type { ServerConfig } from './config.js';
import type { FeedCatalog } from './feeds.js';
import { cors } from './http/cors.js';
import { apiError } from './http/errors.js';
import { MemoryRateLimiter, type BucketOptions, type RateLimiter } from './http/rate-limit.js';
import { nosniff } from './http/security-headers.js';
import { registerFeedRoute } from './routes/feed-route.js';
import { registerStaticFiles } from './routes/static-files.js';
import { registerVoteRoutes } from './routes/votes-route.js';
import type { VoteStore } from './storage/vote-store.js';

export interface AppOptions {
  feeds: FeedCatalog;
  store: VoteStore;
  config: Pick<ServerConfig, 'allowedOrigins' | 'rateLimit'>;
  /** The folder holding `demo/` and `dist/`. */
  staticRoot: string;
  /** Where failures are reported; standard error by default. */
  log?: (message: string) => void;
}

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

export function createApp({ feeds, store, config, staticRoot, log = console.error }: AppOptions): Hono {
  const app = new Hono();
  /** Shared through the store's database when it has one for several servers, else in memory. */
  const rateLimiter = (name: string, bucket: BucketOptions): RateLimiter =>
    store.rateLimiter?.(name, bucket) ?? new MemoryRateLimiter(bucket);
  const bucket = { capacity: config.rateLimit.writes, windowMs: config.rateLimit.windowMs };
  const limiter = rateLimiter('writes', bucket);

  app.use('*', nosniff);
  app.use('/api/*', cors(config.allowedOrigins));
  registerFeedRoute(app, feeds);
  registerVoteRoutes(app, { feeds, store, limiter, log });
  registerStaticFiles(app, staticRoot);

  app.notFound((c) => (isApi(c.req.path) ? apiError(c, 'not-found', 'No such API route.') : c.text('Not found', 404)));
  app.onError((error, c) => {
    log(`unexpected error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    if (!isApi(c.req.path)) return c.text('Internal server error', 500);
    return apiError(c, 'internal', 'Something went wrong on the server.');
  });
  return app;
}
