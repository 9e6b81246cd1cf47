/**
 * Starts the reference server: configuration, feeds and store first (any problem ends start-up
 * with exit code 1 and one clear message), then HTTP. SIGTERM/SIGINT shut it down cleanly.
 */
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { PROJECT_ROOT, readConfig } from './config.js';
import { loadFeeds } from './feeds.js';
import { openVotingWarning } from './http/vote-origins.js';
import { openStore } from './storage/open-store.js';
import type { VoteStore } from './storage/vote-store.js';

/** How long in-flight requests may take to finish before their connections are cut. */
const DRAIN_MS = 5_000;

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

function handleSignals(server: ServerType, store: VoteStore): void {
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await stopServer(server);
      await store.close();
      process.exit(0);
    } catch (error) {
      console.error(`ai-compare server: shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  // `once`: a second signal gets the default behaviour, so a stuck shutdown can be forced.
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const feeds = await loadFeeds(config.feedsDir);
  const openVoting = openVotingWarning(feeds, config.allowedOrigins);
  if (openVoting) console.warn(openVoting);
  const store = await openStore(config.database).catch((error: unknown) => {
    throw new Error(`DATABASE_URL: cannot open the vote store: ${(error as Error).message}`);
  });
  const app = createApp({ feeds, store, config, staticRoot: PROJECT_ROOT });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  let address: AddressInfo;
  try {
    address = await listen(server);
  } catch (error) {
    await store.close();
    throw error;
  }
  handleSignals(server, store);
  const url = displayUrl(address);
  // One write, so whoever watches for the first line also has the second.
  process.stdout.write(`ai-compare server listening on ${url}\nDemo: ${url}/\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
