/**
 * `GET /healthz`: the process is up and answering. `GET /readyz`: it can do its job: the vote
 * store answers and feeds are loaded; 503 with the reasons otherwise. Feed files that were
 * refused are listed either way: they never take the good feeds offline.
 */
import type { Hono } from 'hono';
import type { FeedCatalog, FeedProblem } from '../feeds.js';
import type { VoteStore } from '../storage/vote-store.js';

/** A store that takes longer than this to answer a read is not ready. */
const STORE_PROBE_TIMEOUT_MS = 2_000;

export interface HealthOptions {
  store: VoteStore;
  feeds: FeedCatalog;
  /** Feed files that are not served as they are now. */
  feedProblems?: () => readonly FeedProblem[];
}

async function storeProblem(store: VoteStore): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`the vote store did not answer within ${STORE_PROBE_TIMEOUT_MS} ms`), STORE_PROBE_TIMEOUT_MS);
  });
  try {
    // A read of a comparison that has no votes: touches the database, changes nothing.
    const probe = store.summary('readyz-probe', [], null).then(
      () => undefined,
      (error: unknown) => `the vote store is unavailable: ${error instanceof Error ? error.message : String(error)}`,
    );
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function registerHealthRoutes(app: Hono, { store, feeds, feedProblems = () => [] }: HealthOptions): void {
  const noStore = { 'Cache-Control': 'no-store' };

  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, noStore));

  app.get('/readyz', async (c) => {
    const reasons: string[] = [];
    const store_ = await storeProblem(store);
    if (store_) reasons.push(store_);
    if (feeds.size === 0) reasons.push('no feed is loaded');
    const failed = feedProblems().map(({ file, problems, servingLastGood }) => ({
      file,
      problems,
      ...(servingLastGood ? { servingLastGood } : {}),
    }));
    const body = {
      status: reasons.length ? 'unavailable' : 'ready',
      ...(reasons.length ? { reasons } : {}),
      feeds: { served: feeds.size, failed },
    };
    return c.json(body, reasons.length ? 503 : 200, noStore);
  });
}
