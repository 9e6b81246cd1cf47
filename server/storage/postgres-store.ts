/** Votes in PostgreSQL, for deployments that run more than one server process. */
import pg from 'pg';
import type { VoteSummary } from '../../contract/vote-api.js';
import { buildSummary, StoreClosedError, type ToolCount, type VoteStore } from './vote-store.js';

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
];

/** One statement, so the tallies and the voter's own vote come from one snapshot. */
const SUMMARY_SQL = `SELECT tool_id, count(*)::int AS n, bool_or(voter_id = $2) AS mine
  FROM ai_compare_votes WHERE comparison_id = $1 GROUP BY tool_id`;

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
  return buildSummary(comparisonId, toolIds, rows, rows.find((row) => row.mine)?.tool_id ?? null);
}

export class PostgresVoteStore implements VoteStore {
  readonly #pool: pg.Pool;
  #closed = false;
  #closing: Promise<void> | undefined;
  /** Reads and writes started before `close()`, which it lets finish before ending the pool. */
  readonly #inFlight = new Set<Promise<unknown>>();

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
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
    return new PostgresVoteStore(pool);
  }

  async summary(comparisonId: string, toolIds: readonly string[], voterId: string | null): Promise<VoteSummary> {
    if (this.#closed) throw new StoreClosedError();
    return this.#track(readSummary(this.#pool, comparisonId, toolIds, voterId));
  }

  vote(comparisonId: string, toolIds: readonly string[], voterId: string, toolId: string): Promise<VoteSummary> {
    return this.#write(async (client) => {
      await client.query(UPSERT_SQL, [comparisonId, voterId, toolId]);
      return readSummary(client, comparisonId, toolIds, voterId);
    });
  }

  withdraw(comparisonId: string, toolIds: readonly string[], voterId: string): Promise<VoteSummary> {
    return this.#write(async (client) => {
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

  async #write(work: (client: pg.PoolClient) => Promise<VoteSummary>): Promise<VoteSummary> {
    if (this.#closed) throw new StoreClosedError();
    return this.#track(this.#transaction(work));
  }

  /** The write and the read that answers it share one transaction; COMMIT returns once durable. */
  async #transaction(work: (client: pg.PoolClient) => Promise<VoteSummary>): Promise<VoteSummary> {
    const client = await this.#pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      // A 200 promises a durable vote, whatever the database's default for this setting is.
      await client.query('SET LOCAL synchronous_commit = on');
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
      await this.#pool.end();
    })();
    return this.#closing;
  }
}
