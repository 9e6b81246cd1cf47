/** The SQLite vote store on its own: schema, durability settings, one vote per voter, batching. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION, SqliteVoteStore } from '../../server/storage/sqlite-store.js';
import { StoreClosedError } from '../../server/storage/vote-store.js';
import { voter } from './helpers/fixtures.js';
import { tempDir } from './helpers/server-process.js';
import { describeVoteStoreContract } from './helpers/store-contract.js';

const C = 'alpha-vs-beta';
const TOOLS = ['alpha', 'beta'] as const;

let dir: ReturnType<typeof tempDir>;
let file: string;
let store: SqliteVoteStore;

/** A second connection, to look at the file the way another process would. */
function inspect<T>(look: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return look(db);
  } finally {
    db.close();
  }
}

describe('SqliteVoteStore', () => {
  beforeEach(() => {
    dir = tempDir();
    file = join(dir.path, 'nested', 'votes.db');
    store = new SqliteVoteStore(file);
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('creates the folder and migrates the schema, recorded in user_version, in WAL mode', () => {
    inspect((db) => {
      assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      const table = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'votes'").get() as { sql: string };
      assert.match(table.sql, /PRIMARY KEY \(comparison_id, voter_id\)/);
    });
  });

  it('lets the database itself refuse a second vote row for the same voter', () => {
    inspect((db) => {
      const insert = db.prepare('INSERT INTO votes VALUES (?, ?, ?, 0, 0)');
      insert.run(C, voter('dup'), 'alpha');
      assert.throws(() => insert.run(C, voter('dup'), 'beta'), /UNIQUE constraint failed/);
    });
  });

  it('casts, repeats, moves and withdraws votes, always listing both tools', async () => {
    const a = voter('a');
    assert.deepEqual(await store.summary(C, TOOLS, a), {
      comparisonId: C,
      tallies: { alpha: 0, beta: 0 },
      total: 0,
      yourVote: null,
    });
    assert.deepEqual(await store.vote(C, TOOLS, a, 'alpha'), {
      comparisonId: C,
      tallies: { alpha: 1, beta: 0 },
      total: 1,
      yourVote: 'alpha',
    });
    const stamp = () =>
      inspect((db) => db.prepare('SELECT updated_at FROM votes WHERE voter_id = ?').get(a) as { updated_at: number });
    const before = stamp();
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual((await store.vote(C, TOOLS, a, 'alpha')).tallies, { alpha: 1, beta: 0 });
    assert.deepEqual(stamp(), before, 'a repeated vote does not even touch the row');

    assert.deepEqual(await store.vote(C, TOOLS, a, 'beta'), {
      comparisonId: C,
      tallies: { alpha: 0, beta: 1 },
      total: 1,
      yourVote: 'beta',
    });
    assert.deepEqual(await store.withdraw(C, TOOLS, a), {
      comparisonId: C,
      tallies: { alpha: 0, beta: 0 },
      total: 0,
      yourVote: null,
    });
    assert.equal((await store.withdraw(C, TOOLS, a)).total, 0);
  });

  it('keeps comparisons apart and ignores votes for tools a feed no longer lists', async () => {
    await store.vote(C, TOOLS, voter('x'), 'alpha');
    await store.vote('other', ['alpha', 'gamma'], voter('x'), 'gamma');
    await store.vote('other', ['alpha', 'gamma'], voter('y'), 'alpha');
    assert.deepEqual((await store.summary(C, TOOLS, voter('x'))).tallies, { alpha: 1, beta: 0 });
    // The feed of "other" was edited: gamma became beta.
    assert.deepEqual(await store.summary('other', ['alpha', 'beta'], voter('x')), {
      comparisonId: 'other',
      tallies: { alpha: 1, beta: 0 },
      total: 1,
      yourVote: null,
    });
  });

  it('commits many concurrent writes, each answered with a state that includes it', async () => {
    const writes = Array.from({ length: 400 }, (_, i) =>
      store.vote(C, TOOLS, voter(i), i % 4 === 0 ? 'beta' : 'alpha').then((summary) => {
        assert.equal(summary.yourVote, i % 4 === 0 ? 'beta' : 'alpha');
        return summary.total;
      }),
    );
    const totals = await Promise.all(writes);
    // Writes of one batch are applied in order, so each sees one more vote than the one before.
    assert.deepEqual(totals, Array.from({ length: 400 }, (_, i) => i + 1));
    assert.deepEqual((await store.summary(C, TOOLS, null)).tallies, { alpha: 300, beta: 100 });
  });

  it('fails only the write that fails, not the others of its batch', async () => {
    inspect((db) =>
      db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON votes WHEN NEW.voter_id = '${voter('poison')}'
               BEGIN SELECT RAISE(ABORT, 'refused by test'); END`),
    );
    const results = await Promise.allSettled([
      store.vote(C, TOOLS, voter('ok-1'), 'alpha'),
      store.vote(C, TOOLS, voter('poison'), 'alpha'),
      store.vote(C, TOOLS, voter('ok-2'), 'beta'),
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.deepEqual((await store.summary(C, TOOLS, null)).tallies, { alpha: 1, beta: 1 });
  });

  it('keeps votes when reopened, and refuses use after close', async () => {
    await store.vote(C, TOOLS, voter('stays'), 'beta');
    await store.close();
    await assert.rejects(store.summary(C, TOOLS, null), StoreClosedError);
    await assert.rejects(store.vote(C, TOOLS, voter('late'), 'beta'), StoreClosedError);

    store = new SqliteVoteStore(file);
    assert.equal((await store.summary(C, TOOLS, voter('stays'))).yourVote, 'beta');
  });

  it('finishes queued writes on close', async () => {
    const pending = store.vote(C, TOOLS, voter('queued'), 'alpha');
    await store.close();
    assert.equal((await pending).yourVote, 'alpha');
    assert.equal(inspect((db) => (db.prepare('SELECT COUNT(*) AS n FROM votes').get() as { n: number }).n), 1);
  });

  it('refuses a whole burst at once while another process holds the lock, then recovers', async () => {
    await store.vote(C, TOOLS, voter('before'), 'alpha');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) => store.vote(C, TOOLS, voter(`locked-${i}`), 'beta')),
      );
      const waited = performance.now() - started;
      assert.deepEqual(results.map((r) => r.status), Array(5).fill('rejected'));
      for (const result of results) {
        if (result.status === 'rejected') assert.match(String((result.reason as { code?: string }).code), /^SQLITE_BUSY/);
      }
      // One lock wait for the burst, not one per write.
      assert.ok(waited < 4000, `the burst waited ${Math.round(waited)} ms`);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const after = await store.vote(C, TOOLS, voter('after'), 'beta');
    assert.deepEqual(after.tallies, { alpha: 1, beta: 1 });
  });

  it('fills the tallies in from the votes of a database made before they were kept', async () => {
    await store.close();
    const old = join(dir.path, 'old.db');
    const db = new Database(old);
    db.exec(`CREATE TABLE votes (comparison_id TEXT NOT NULL, voter_id TEXT NOT NULL, tool_id TEXT NOT NULL,
               created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (comparison_id, voter_id)) WITHOUT ROWID;
             CREATE INDEX votes_by_tool ON votes (comparison_id, tool_id);
             PRAGMA user_version = 1;`);
    const insert = db.prepare('INSERT INTO votes VALUES (?, ?, ?, 0, 0)');
    for (let i = 0; i < 50; i++) insert.run(C, voter(`old-${i}`), i % 5 === 0 ? 'beta' : 'alpha');
    insert.run('other', voter('old-x'), 'gamma');
    db.close();

    store = new SqliteVoteStore(old);
    assert.deepEqual(await store.summary(C, TOOLS, voter('old-5')), {
      comparisonId: C,
      tallies: { alpha: 40, beta: 10 },
      total: 50,
      yourVote: 'beta',
    });
    assert.deepEqual((await store.vote(C, TOOLS, voter('old-5'), 'alpha')).tallies, { alpha: 41, beta: 9 });
    assert.deepEqual((await store.summary('other', ['alpha', 'gamma'], null)).tallies, { alpha: 0, gamma: 1 });
  });

  it('refuses a database written by a newer schema', async () => {
    await store.close();
    inspect((db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`));
    assert.throws(() => new SqliteVoteStore(file), new RegExp(`schema version ${SCHEMA_VERSION + 1}`));
    store = new SqliteVoteStore(':memory:');
  });
});

// The checks every store must pass (the PostgreSQL store runs them too), each on a fresh file.
const contractDir = tempDir();
after(() => contractDir.remove());
let contractFiles = 0;
let contractFile = '';
describeVoteStoreContract('SqliteVoteStore', {
  fresh: () => {
    contractFile = join(contractDir.path, `votes-${++contractFiles}.db`);
  },
  open: () => new SqliteVoteStore(contractFile),
  recount: (comparisonId) => {
    const db = new Database(contractFile, { readonly: true });
    try {
      const rows = db
        .prepare('SELECT tool_id, COUNT(*) AS n FROM votes WHERE comparison_id = ? GROUP BY tool_id')
        .all(comparisonId) as { tool_id: string; n: number }[];
      return Object.fromEntries(rows.map((row) => [row.tool_id, row.n]));
    } finally {
      db.close();
    }
  },
});
