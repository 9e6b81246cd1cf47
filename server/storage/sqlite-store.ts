/**
 * Votes in SQLite (better-sqlite3). Writes that arrive together are grouped into one transaction
 * (group commit): better-sqlite3 blocks the event loop while it syncs to disk, so one sync for a
 * burst of votes instead of one per vote keeps the server responsive under load.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { VoteSummary } from '../../contract/vote-api.js';
import {
  buildSummary,
  ChangeListeners,
  StoreClosedError,
  type ChangeListener,
  type ToolCount,
  type VoteStore,
} from './vote-store.js';

/** How long a write waits for another connection's lock before the request answers 503. */
const BUSY_TIMEOUT_MS = 1000;

/** Errors that concern the whole database rather than one write (codes as better-sqlite3 reports). */
function isDatabaseWide(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CORRUPT|NOTADB|CANTOPEN)/.test(code);
}

/** Schema changes in order; `PRAGMA user_version` records how many have been applied. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE votes (
     comparison_id TEXT NOT NULL,
     voter_id TEXT NOT NULL,
     tool_id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     -- One vote per voter per comparison, enforced by the database itself.
     PRIMARY KEY (comparison_id, voter_id)
   ) WITHOUT ROWID;
   CREATE INDEX votes_by_tool ON votes (comparison_id, tool_id);`,
  // Tallies kept current by triggers in the transaction of each vote, move and withdrawal, so a
  // read costs the same at a million votes as at none; filled from the votes already stored.
  `CREATE TABLE vote_counts (
     comparison_id TEXT NOT NULL,
     tool_id TEXT NOT NULL,
     n INTEGER NOT NULL,
     PRIMARY KEY (comparison_id, tool_id)
   ) WITHOUT ROWID;
   INSERT INTO vote_counts (comparison_id, tool_id, n)
     SELECT comparison_id, tool_id, COUNT(*) FROM votes GROUP BY comparison_id, tool_id;
   CREATE TRIGGER vote_counted AFTER INSERT ON votes BEGIN
     INSERT INTO vote_counts (comparison_id, tool_id, n) VALUES (NEW.comparison_id, NEW.tool_id, 1)
       ON CONFLICT (comparison_id, tool_id) DO UPDATE SET n = n + 1;
   END;
   CREATE TRIGGER vote_moved AFTER UPDATE OF comparison_id, tool_id ON votes BEGIN
     UPDATE vote_counts SET n = n - 1 WHERE comparison_id = OLD.comparison_id AND tool_id = OLD.tool_id;
     INSERT INTO vote_counts (comparison_id, tool_id, n) VALUES (NEW.comparison_id, NEW.tool_id, 1)
       ON CONFLICT (comparison_id, tool_id) DO UPDATE SET n = n + 1;
   END;
   CREATE TRIGGER vote_withdrawn AFTER DELETE ON votes BEGIN
     UPDATE vote_counts SET n = n - 1 WHERE comparison_id = OLD.comparison_id AND tool_id = OLD.tool_id;
   END;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

interface PendingWrite {
  comparisonId: string;
  toolIds: readonly string[];
  voterId: string;
  /** `null` withdraws the vote. */
  toolId: string | null;
  resolve: (summary: VoteSummary) => void;
  reject: (error: unknown) => void;
}

function migrate(db: Database.Database): void {
  // IMMEDIATE takes the write lock before reading the version, so two servers starting on the
  // same file cannot both apply a migration.
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new Error(`the vote database has schema version ${current}; this server knows up to ${SCHEMA_VERSION}`);
    }
    for (let version = current; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

function prepareStatements(db: Database.Database) {
  return {
    upsert: db.prepare<[string, string, string, number, number]>(
      `INSERT INTO votes (comparison_id, voter_id, tool_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(comparison_id, voter_id) DO UPDATE SET tool_id = excluded.tool_id, updated_at = excluded.updated_at
       WHERE votes.tool_id <> excluded.tool_id`,
    ),
    remove: db.prepare<[string, string]>('DELETE FROM votes WHERE comparison_id = ? AND voter_id = ?'),
    counts: db.prepare<[string], ToolCount>('SELECT tool_id, n FROM vote_counts WHERE comparison_id = ?'),
    mine: db.prepare<[string, string], { tool_id: string }>(
      'SELECT tool_id FROM votes WHERE comparison_id = ? AND voter_id = ?',
    ),
    // The counts and the voter's own vote in one statement, so from one snapshot without the
    // cost of an explicit transaction (a personal read is the busiest query after the cache).
    countsAndMine: db.prepare<[string, string, string], { tool_id: string; n: number | null }>(
      `SELECT tool_id, n FROM vote_counts WHERE comparison_id = ?
       UNION ALL SELECT tool_id, NULL FROM votes WHERE comparison_id = ? AND voter_id = ?`,
    ),
  };
}

export class SqliteVoteStore implements VoteStore {
  readonly #db: Database.Database;
  readonly #sql: ReturnType<typeof prepareStatements>;
  readonly #readSummary: (comparisonId: string, toolIds: readonly string[], voterId: string | null) => VoteSummary;
  readonly #writeBatch: (batch: readonly PendingWrite[]) => VoteSummary[];
  #queue: PendingWrite[] = [];
  #closed = false;
  readonly #changes = new ChangeListeners();

  /** `file` is a path or `:memory:`; the parent folder of a path is created when missing. */
  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new Database(file);
    // WAL lets readers go on while a write commits. In WAL mode the default (NORMAL) syncs only
    // at checkpoints, so a vote answered with 200 could vanish on power loss; FULL syncs the log
    // on every commit, which is what makes a 200 mean "stored" (SIGKILL alone cannot lose it).
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    // Wait briefly for a lock held by another connection (a backup, a second process) instead of
    // failing at once. better-sqlite3 waits synchronously on the event loop, so this stays short:
    // a long wait would stall every other request, and shutdown, for its whole length.
    this.#db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(this.#db);
    this.#sql = prepareStatements(this.#db);

    this.#readSummary = (comparisonId, toolIds, voterId) => {
      if (voterId === null) return buildSummary(comparisonId, toolIds, this.#sql.counts.all(comparisonId), null);
      const rows = this.#sql.countsAndMine.all(comparisonId, comparisonId, voterId);
      // The voter's row is the one without a count.
      const counts = rows.filter((row): row is ToolCount => row.n !== null);
      return buildSummary(comparisonId, toolIds, counts, rows.find((row) => row.n === null)?.tool_id ?? null);
    };
    this.#writeBatch = this.#db.transaction((batch: readonly PendingWrite[]) => {
      const now = Date.now();
      return batch.map((write) => {
        if (write.toolId === null) this.#sql.remove.run(write.comparisonId, write.voterId);
        else this.#sql.upsert.run(write.comparisonId, write.voterId, write.toolId, now, now);
        return this.#summarize(write.comparisonId, write.toolIds, write.voterId);
      });
    });
  }

  #summarize(comparisonId: string, toolIds: readonly string[], voterId: string | null): VoteSummary {
    const counts = this.#sql.counts.all(comparisonId);
    const mine = voterId === null ? undefined : this.#sql.mine.get(comparisonId, voterId);
    return buildSummary(comparisonId, toolIds, counts, mine?.tool_id ?? null);
  }

  async summary(comparisonId: string, toolIds: readonly string[], voterId: string | null): Promise<VoteSummary> {
    if (this.#closed) throw new StoreClosedError();
    return this.#readSummary(comparisonId, toolIds, voterId);
  }

  vote(comparisonId: string, toolIds: readonly string[], voterId: string, toolId: string): Promise<VoteSummary> {
    return this.#enqueue(comparisonId, toolIds, voterId, toolId);
  }

  withdraw(comparisonId: string, toolIds: readonly string[], voterId: string): Promise<VoteSummary> {
    return this.#enqueue(comparisonId, toolIds, voterId, null);
  }

  #enqueue(comparisonId: string, toolIds: readonly string[], voterId: string, toolId: string | null) {
    if (this.#closed) return Promise.reject(new StoreClosedError());
    return new Promise<VoteSummary>((resolve, reject) => {
      // The first write of a burst schedules the commit after the current I/O phase, by which
      // time every request that arrived with it has queued its write too.
      if (this.#queue.length === 0) setImmediate(() => this.#flush());
      this.#queue.push({ comparisonId, toolIds, voterId, toolId, resolve, reject });
    });
  }

  onChange(listener: ChangeListener): () => void {
    return this.#changes.add(listener);
  }

  #flush(): void {
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    try {
      this.#commit(batch);
    } finally {
      // Once per comparison of the batch, after its answers (a failed write changed nothing, but
      // saying so anyway is harmless).
      for (const comparisonId of new Set(batch.map((write) => write.comparisonId))) this.#changes.emit(comparisonId);
    }
  }

  #commit(batch: readonly PendingWrite[]): void {
    try {
      const summaries = this.#writeBatch(batch);
      batch.forEach((write, index) => write.resolve(summaries[index]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // The whole batch was rolled back. When the database itself is unavailable (locked, full,
      // failing I/O) every write would fail the same way, each after its own lock wait: refuse
      // them together. Otherwise retry each write alone, so one bad write cannot sink the rest.
      if (isDatabaseWide(error)) {
        for (const write of batch) write.reject(error);
        return;
      }
      for (const write of batch) {
        try {
          write.resolve(this.#writeBatch([write])[0]);
        } catch (single) {
          write.reject(single);
        }
      }
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#flush();
    // Fold the log back into the database file, so a stopped server leaves one self-contained file.
    // Committed votes are safe in the log either way, so a failed checkpoint (a full disk, say)
    // must not stop the database from closing cleanly.
    try {
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.#db.close();
    }
  }
}
