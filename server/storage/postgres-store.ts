/** Votes in PostgreSQL, for deployments that run more than one server process. */
import pg from 'pg';
import type { BucketOptions, RateLimiter } from '../http/rate-limit.js';
import { PostgresRateLimiter, RATE_LIMITS_TABLE } from './postgres-rate-limit.js';
import type { VoteSummary } from '../../contract/vote-api.js';
import {
  buildSummary,
  ChangeListeners,
  StoreClosedError,
  type ChangeListener,
  type ToolCount,
  type VoteStore,
} from './vote-store.js';

/** Schema changes in order; the `ai_compare_schema` row records how many have been applied. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE ai_compare_votes (
     comparison_id text NOT NULL,
     voter_id text NOT NULL,
     tool_id text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     -- One vote per voter per comparison, enforced by the database itself.
     PRIMARY KEY (comparison_id, voter_id)
   );
   CREATE INDEX ai_compare_votes_by_tool ON ai_compare_votes (comparison_id, tool_id);`,
  // Tallies kept current by a trigger in the transaction of each vote, move and withdrawal, so a
  // read costs the same at a million votes as at none. Each tool's count is split over 16 rows by
  // voter, so concurrent votes for one tool rarely wait for each other's row lock until commit.
  // The lock makes writers of older servers still running wait until the counts are filled in;
  // from then on the trigger counts their votes too.
  `LOCK TABLE ai_compare_votes IN SHARE ROW EXCLUSIVE MODE;
   CREATE TABLE ai_compare_counts (
     comparison_id text NOT NULL,
     tool_id text NOT NULL,
     shard smallint NOT NULL,
     n bigint NOT NULL,
     PRIMARY KEY (comparison_id, tool_id, shard)
   );
   CREATE FUNCTION ai_compare_count_vote() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     removed boolean := TG_OP <> 'INSERT';
     added boolean := TG_OP <> 'DELETE';
   BEGIN
     IF TG_OP = 'UPDATE' AND NEW.comparison_id = OLD.comparison_id AND NEW.tool_id = OLD.tool_id THEN
       RETURN NULL;
     END IF;
     -- Rows are locked in tool order, so two opposite moves cannot deadlock.
     IF removed AND added AND NEW.tool_id < OLD.tool_id THEN
       INSERT INTO ai_compare_counts AS c VALUES (NEW.comparison_id, NEW.tool_id, hashtext(NEW.voter_id) & 15, 1)
         ON CONFLICT (comparison_id, tool_id, shard) DO UPDATE SET n = c.n + 1;
       added := false;
     END IF;
     IF removed THEN
       UPDATE ai_compare_counts SET n = n - 1
         WHERE comparison_id = OLD.comparison_id AND tool_id = OLD.tool_id AND shard = hashtext(OLD.voter_id) & 15;
     END IF;
     IF added THEN
       INSERT INTO ai_compare_counts AS c VALUES (NEW.comparison_id, NEW.tool_id, hashtext(NEW.voter_id) & 15, 1)
         ON CONFLICT (comparison_id, tool_id, shard) DO UPDATE SET n = c.n + 1;
     END IF;
     RETURN NULL;
   END $$;
   CREATE TRIGGER ai_compare_counted AFTER INSERT OR UPDATE OR DELETE ON ai_compare_votes
     FOR EACH ROW EXECUTE FUNCTION ai_compare_count_vote();
   INSERT INTO ai_compare_counts (comparison_id, tool_id, shard, n)
     SELECT comparison_id, tool_id, hashtext(voter_id) & 15, count(*) FROM ai_compare_votes GROUP BY 1, 2, 3;`,
  RATE_LIMITS_TABLE,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** One statement, so the tallies and the voter's own vote (a key lookup) come from one snapshot. */
const SUMMARY_SQL = `SELECT tool_id, sum(n)::int AS n, false AS mine
    FROM ai_compare_counts WHERE comparison_id = $1 GROUP BY tool_id
  UNION ALL
  SELECT tool_id, 0, true FROM ai_compare_votes WHERE comparison_id = $1 AND voter_id = $2`;

/** The channel on which servers sharing a database tell each other which comparisons changed. */
const CHANGES_CHANNEL = 'ai_compare_votes';

/** How often a server at most tells the others about its writes; they refresh at most this often. */
const NOTIFY_INTERVAL_MS = 100;

/** Deadlocks and serialization failures are retried this many times before the write fails. */
const RETRIES = 3;

const UPSERT_SQL = `INSERT INTO ai_compare_votes (comparison_id, voter_id, tool_id) VALUES ($1, $2, $3)
  ON CONFLICT (comparison_id, voter_id) DO UPDATE SET tool_id = excluded.tool_id, updated_at = now()
  WHERE ai_compare_votes.tool_id <> excluded.tool_id`;

const DELETE_SQL = 'DELETE FROM ai_compare_votes WHERE comparison_id = $1 AND voter_id = $2';

type Queryable = Pick<pg.ClientBase, 'query'>;

async function migrate(client: Queryable): Promise<void> {
  await client.query('BEGIN');
  try {
    // Serializes start-ups: several servers may share one database.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('ai_compare_schema'))`);
    await client.query('CREATE TABLE IF NOT EXISTS ai_compare_schema (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM ai_compare_schema');
    if (rows.length === 0) await client.query('INSERT INTO ai_compare_schema (version) VALUES (0)');
    const current = rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(`the vote database has schema version ${current}; this server knows up to ${MIGRATIONS.length}`);
    }
    for (let version = current; version < MIGRATIONS.length; version++) await client.query(MIGRATIONS[version]);
    await client.query('UPDATE ai_compare_schema SET version = $1', [MIGRATIONS.length]);
    await client.query('COMMIT');
  } catch (error) {
    // The migration's own error is the one to report, even when the connection cannot roll back.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function readSummary(
  client: Queryable,
  comparisonId: string,
  toolIds: readonly string[],
  voterId: string | null,
): Promise<VoteSummary> {
  const { rows } = await client.query<ToolCount & { mine: boolean }>(SUMMARY_SQL, [comparisonId, voterId]);
  const counts = rows.filter((row) => !row.mine);
  return buildSummary(comparisonId, toolIds, counts, rows.find((row) => row.mine)?.tool_id ?? null);
}

/** A PostgreSQL error code: 40P01 deadlock, 40001 serialization failure. */
const isRetryable = (error: unknown) => ['40P01', '40001'].includes((error as { code?: string } | null)?.code ?? '');

export class PostgresVoteStore implements VoteStore {
  readonly #pool: pg.Pool;
  readonly #url: string;
  #closed = false;
  #closing: Promise<void> | undefined;
  /** Reads and writes started before `close()`, which it lets finish before ending the pool. */
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #changes = new ChangeListeners();
  /** Comparisons written here since the other servers were last told. */
  #unannounced = new Set<string>();
  #announceTimer: NodeJS.Timeout | undefined;
  #listener: pg.Client | undefined;
  #relistenTimer: NodeJS.Timeout | undefined;
  readonly #limiters: PostgresRateLimiter[] = [];

  private constructor(pool: pg.Pool, url: string) {
    this.#pool = pool;
    this.#url = url;
  }

  /** Connects and migrates, so a wrong URL or password stops start-up instead of the first vote. */
  static async open(url: string): Promise<PostgresVoteStore> {
    // Bounded waits: a row lock held by someone else must end in a 503, not a hung request and
    // a shutdown that never finishes.
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: 5000,
      statement_timeout: 10_000,
      query_timeout: 15_000,
    });
    // An idle connection dropped by the database must not crash the process; the next query
    // reconnects, and requests that fail meanwhile answer 503.
    pool.on('error', (error) => console.error(`postgres: ${error.message}`));
    try {
      const client = await pool.connect();
      try {
        await migrate(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    const store = new PostgresVoteStore(pool, url);
    try {
      await store.#listen();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  onChange(listener: ChangeListener): () => void {
    return this.#changes.add(listener);
  }

  /** Limits shared by every server on this database. */
  rateLimiter(name: string, bucket: BucketOptions): RateLimiter {
    const limiter = new PostgresRateLimiter(this.#pool, name, bucket);
    this.#limiters.push(limiter);
    return limiter;
  }

  /**
   * One connection per server listens for the others' writes. When it drops, it reconnects and
   * says that anything may have changed meanwhile.
   */
  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url });
    const retry = () => {
      if (this.#listener !== client) return;
      this.#listener = undefined;
      client.end().catch(() => undefined);
      if (!this.#closed) this.#relistenTimer = setTimeout(() => void this.#relisten(), 1000);
    };
    client.on('error', (error) => {
      console.error(`postgres: change listener: ${error.message}`);
      retry();
    });
    client.on('end', retry);
    client.on('notification', ({ payload }) => {
      if (payload) this.#changes.emit(payload);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    this.#listener = client;
  }

  async #relisten(): Promise<void> {
    try {
      await this.#listen();
      this.#changes.emit(null);
    } catch {
      if (!this.#closed) this.#relistenTimer = setTimeout(() => void this.#relisten(), 1000);
    }
  }

  /**
   * Tells the other servers which comparisons changed, batched: a NOTIFY inside each vote's
   * transaction would take PostgreSQL's notification lock at every commit and serialize them.
   */
  #announce(comparisonId: string): void {
    this.#changes.emit(comparisonId);
    this.#unannounced.add(comparisonId);
    this.#announceTimer ??= setTimeout(() => void this.#flushAnnouncements(), NOTIFY_INTERVAL_MS);
  }

  async #flushAnnouncements(): Promise<void> {
    this.#announceTimer = undefined;
    const ids = [...this.#unannounced];
    this.#unannounced = new Set();
    if (ids.length === 0) return;
    try {
      await this.#pool.query(`SELECT pg_notify('${CHANGES_CHANNEL}', id) FROM unnest($1::text[]) AS id`, [ids]);
    } catch (error) {
      // The others' caches expire on their own within seconds.
      console.error(`postgres: cannot announce changes: ${(error as Error).message}`);
    }
  }

  async summary(comparisonId: string, toolIds: readonly string[], voterId: string | null): Promise<VoteSummary> {
    if (this.#closed) throw new StoreClosedError();
    return this.#track(readSummary(this.#pool, comparisonId, toolIds, voterId));
  }

  vote(comparisonId: string, toolIds: readonly string[], voterId: string, toolId: string): Promise<VoteSummary> {
    return this.#write(comparisonId, async (client) => {
      await client.query(UPSERT_SQL, [comparisonId, voterId, toolId]);
      return readSummary(client, comparisonId, toolIds, voterId);
    });
  }

  withdraw(comparisonId: string, toolIds: readonly string[], voterId: string): Promise<VoteSummary> {
    return this.#write(comparisonId, async (client) => {
      await client.query(DELETE_SQL, [comparisonId, voterId]);
      return readSummary(client, comparisonId, toolIds, voterId);
    });
  }

  /**
   * Runs `operation` counted as in flight. The pool drops callers still waiting for a connection
   * when it ends (their promises never settle), so `close()` must wait for these first.
   */
  #track<T>(operation: Promise<T>): Promise<T> {
    this.#inFlight.add(operation);
    const forget = () => this.#inFlight.delete(operation);
    operation.then(forget, forget);
    return operation;
  }

  async #write(comparisonId: string, work: (client: pg.PoolClient) => Promise<VoteSummary>): Promise<VoteSummary> {
    if (this.#closed) throw new StoreClosedError();
    return this.#track(
      (async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            const summary = await this.#transaction(work);
            this.#announce(comparisonId);
            return summary;
          } catch (error) {
            if (attempt > RETRIES || !isRetryable(error)) throw error;
          }
        }
      })(),
    );
  }

  /** The write and the read that answers it share one transaction; COMMIT returns once durable. */
  async #transaction(work: (client: pg.PoolClient) => Promise<VoteSummary>): Promise<VoteSummary> {
    const client = await this.#pool.connect();
    let broken = false;
    try {
      // A 200 promises a durable vote, whatever the database's default for this setting is.
      // One round trip for both statements.
      await client.query('BEGIN; SET LOCAL synchronous_commit = on');
      const summary = await work(client);
      await client.query('COMMIT');
      return summary;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        // A connection that cannot even roll back is not given back to the pool.
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#closing ??= (async () => {
      // Reads and writes in flight still finish (writes commit), including those still waiting
      // for a connection; then the pool ends.
      await Promise.allSettled(this.#inFlight);
      for (const limiter of this.#limiters) limiter.stop();
      clearTimeout(this.#relistenTimer);
      clearTimeout(this.#announceTimer);
      await this.#flushAnnouncements();
      const listener = this.#listener;
      this.#listener = undefined;
      await listener?.end().catch(() => undefined);
      await this.#pool.end();
    })();
    return this.#closing;
  }
}
