/**
 * Runs the reference server: configuration, feeds and store first (any problem ends start-up
 * with one clear message), then HTTP with bounded timeouts and connections. SIGTERM/SIGINT shut
 * it down cleanly. Used by `server/main.ts` (`npm start`) and `ai-compare serve`.
 */
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { openVotingWarning } from './http/vote-origins.js';
import { sharedSecretWarning } from './http/vote-token.js';
import { PROJECT_ROOT, readConfig, type ServerConfig } from './config.js';
import { FeedLibrary } from './feeds.js';
import { createLogger, type Logger } from './log.js';
import { hashedBundlePath } from './routes/static-files.js';
import { openStore } from './storage/open-store.js';
import type { VoteStore } from './storage/vote-store.js';

/** How long in-flight requests may take to finish before their connections are cut. */
export const DRAIN_MS = 5_000;

/**
 * Signals that arrive this soon after the first are echoes of it (npm forwards Ctrl+C to the
 * server, which the terminal also sent; systemd signals every process of the service), so they
 * do not cut the clean shutdown short. A third one, or any later one, forces the exit.
 */
export const SIGNAL_GRACE_MS = 2_000;

/**
 * One Ctrl+C reaches the server more than once (the terminal's copy and npm's, milliseconds
 * apart): signals this close to the previous one are the same press and are not counted.
 */
export const SIGNAL_ECHO_MS = 250;

/** A URL people can open: wildcard binds are reachable on loopback, IPv6 needs brackets. */
function displayUrl({ address, port }: AddressInfo): string {
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listen(server: ServerType): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function stopServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    // close() stops accepting and resolves once in-flight requests have been answered.
    if (!(server instanceof Server)) {
      server.close(() => resolve());
      return;
    }
    // Keep-alive connections would hold close() open until they time out: close each one as
    // soon as it is idle, which for a busy one is right after its in-flight request is answered.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function handleSignals(stop: () => Promise<void>, logger: Logger): void {
  let firstAt: number | undefined;
  let lastAt = 0;
  let count = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    const echo = now - lastAt < SIGNAL_ECHO_MS;
    lastAt = now;
    if (!echo) count += 1;
    if (firstAt === undefined) {
      firstAt = now;
      logger.info('stopping: finishing requests in flight', { signal });
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('shutdown failed', { error: (error as Error).message });
          process.exit(1);
        },
      );
      return;
    }
    if (echo || (count < 3 && now - firstAt < SIGNAL_GRACE_MS)) {
      logger.info('already stopping; send the signal again to force', { signal });
      return;
    }
    logger.warn('forced to stop before requests in flight finished', { signal });
    process.exit(1);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Node's HTTP server with this configuration's timeouts and limits. */
function createHttpServer(app: ReturnType<typeof createApp>, config: ServerConfig): ServerType {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, maxConnections, maxRequestsPerSocket } =
    config.transport;
  const server = serve({
    fetch: app.fetch,
    port: config.port,
    hostname: config.host,
    serverOptions: {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      // Node checks the two timeouts above on this interval (30 s by default, far too coarse).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeoutMs / 4))),
    },
  });
  if (server instanceof Server) {
    server.maxConnections = maxConnections;
    server.maxRequestsPerSocket = maxRequestsPerSocket;
  }
  return server;
}

export interface StartedServer {
  url: string;
  /** Stops accepting, answers requests in flight, closes the store. */
  stop: () => Promise<void>;
}

/**
 * Starts the server from `env`. Throws (with a message meant for the operator) when it cannot.
 * With `signals`, SIGTERM/SIGINT stop it and end the process.
 */
export async function startServer(
  env: NodeJS.ProcessEnv = process.env,
  { signals = true }: { signals?: boolean } = {},
): Promise<StartedServer> {
  const config = readConfig(env);
  const logger = createLogger(config.logLevel);
  const library = new FeedLibrary(config.feedsDir, { logger });
  // Bad files are logged by the library, named with every problem, and listed by /readyz.
  await library.load({ strict: config.feedsStrict });
  const store: VoteStore = await openStore(config.database).catch((error: unknown) => {
    throw new Error(`DATABASE_URL: cannot open the vote store: ${(error as Error).message}`);
  });
  const openVoting = openVotingWarning(library.catalog, config.allowedOrigins);
  if (openVoting) logger.warn(openVoting);
  const { proof, secret } = config.voteIntegrity;
  const unshared = sharedSecretWarning(proof, secret, config.database.kind === 'postgres');
  if (unshared) logger.warn(unshared);
  const stopping = new AbortController();
  const app = createApp({
    signal: stopping.signal,
    feeds: library.catalog,
    store,
    config,
    staticRoot: PROJECT_ROOT,
    logger,
    feedProblems: () => library.problems(),
  });
  const server = createHttpServer(app, config);
  let address: AddressInfo;
  try {
    address = await listen(server);
  } catch (error) {
    await store.close();
    throw error;
  }
  const unwatch = library.watch();

  const stop = async () => {
    unwatch();
    stopping.abort(); // live streams end at once; their readers reconnect elsewhere
    await stopServer(server);
    await store.close();
  };
  if (signals) handleSignals(stop, logger);

  const url = displayUrl(address);
  const bundle = await hashedBundlePath(PROJECT_ROOT);
  // One write, so whoever watches for the first line also has the rest.
  process.stdout.write(
    [
      `ai-compare server listening on ${url}`,
      config.demo ? `Demo: ${url}/` : 'Demo: off',
      ...(bundle ? [`Widget: ${url}${bundle}`] : []),
      '',
    ].join('\n'),
  );
  return { url, stop };
}
