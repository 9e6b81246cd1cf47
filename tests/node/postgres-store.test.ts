/**
 * The PostgreSQL vote store, against a throwaway cluster started for this file (see
 * helpers/postgres.ts): the VoteStore contract, what is PostgreSQL's own, and the real server
 * running on it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PostgresVoteStore, SCHEMA_VERSION } from '../../server/storage/postgres-store.js';
import { feed, postVote, voter, votesUrl, withdraw, writeFeeds, type Summary } from './helpers/fixtures.js';
import { findPostgres, startCluster, type PostgresCluster } from './helpers/postgres.js';
import { startServer, tempDir } from './helpers/server-process.js';
import { describeVoteStoreContract } from './helpers/store-contract.js';

const C = 'alpha-vs-beta';
const TOOLS = ['alpha', 'beta'] as const;

// Under CI=true this throws when PostgreSQL is missing and cannot be installed: nothing is skipped.
const found = await findPostgres();
const skip = 'skipped' in found ? found.skipped : false;
if (skip) console.log(`SKIPPED PostgreSQL tests: ${skip}`);

let cluster: PostgresCluster | undefined;
before(async () => {
  if (!('skipped' in found)) cluster = await startCluster(found);
});
after(async () => {
  await cluster?.stop();
});

function running(): PostgresCluster {
  assert.ok(cluster, 'the PostgreSQL cluster is running');
  return cluster;
}

/**
 * Each store test gets its own, empty schema, named by the connection's search_path: as good as
 * a fresh database for the store, and much cheaper to make than one (CREATE DATABASE copies a
 * template and syncs it).
 */
let schemas = 0;
let url = '';
async function freshDatabase(): Promise<string> {
  const cluster = running();
  const schema = `votes_${++schemas}`;
  await cluster.query(`CREATE SCHEMA ${schema}`, [], cluster.url);
  url = `${cluster.url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return url;
}

describeVoteStoreContract(
  'PostgresVoteStore',
  {
    fresh: async () => {
      await freshDatabase();
    },
    open: () => PostgresVoteStore.open(url),
    recount: async (comparisonId) => {
      const { rows } = await running().query<{ tool_id: string; n: number }>(
        'SELECT tool_id, count(*)::int AS n FROM ai_compare_votes WHERE comparison_id = $1 GROUP BY tool_id',
        [comparisonId],
        url,
      );
      return Object.fromEntries(rows.map((row) => [row.tool_id, row.n]));
    },
  },
  { skip },
);

describe('PostgresVoteStore on its own', { skip }, () => {
  /** Opens a store on a fresh schema, runs `body`, and closes the store. */
  async function withStore(body: (store: PostgresVoteStore, url: string) => Promise<void>): Promise<void> {
    const database = await freshDatabase();
    const store = await PostgresVoteStore.open(database);
    try {
      await body(store, database);
    } finally {
      await store.close();
    }
  }

  it('migrates to one schema row, and lets the database itself refuse a second vote row for a voter', async () => {
    await withStore(async (_store, database) => {
      const pg = running();
      assert.deepEqual((await pg.query('SELECT version FROM ai_compare_schema', [], database)).rows, [{ version: SCHEMA_VERSION }]);
      const insert = `INSERT INTO ai_compare_votes (comparison_id, voter_id, tool_id) VALUES ($1, $2, $3)`;
      await pg.query(insert, [C, voter('dup'), 'alpha'], database);
      await assert.rejects(pg.query(insert, [C, voter('dup'), 'beta'], database), { code: '23505' });
    });
  });

  it('fills the tallies in from the votes of a database made before they were kept', async () => {
    const database = await freshDatabase();
    const pg = running();
    await pg.query(
      `CREATE TABLE ai_compare_schema (version integer NOT NULL);
       INSERT INTO ai_compare_schema VALUES (1);
       CREATE TABLE ai_compare_votes (comparison_id text NOT NULL, voter_id text NOT NULL, tool_id text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (comparison_id, voter_id));
       CREATE INDEX ai_compare_votes_by_tool ON ai_compare_votes (comparison_id, tool_id);
       INSERT INTO ai_compare_votes (comparison_id, voter_id, tool_id)
         SELECT '${C}', 'voter-old-' || lpad(i::text, 8, '0'), CASE WHEN i % 5 = 0 THEN 'beta' ELSE 'alpha' END
         FROM generate_series(1, 50) AS i;`,
      [],
      database,
    );
    // Two servers start on it at once: the counts are filled in once.
    const [store, other] = await Promise.all([PostgresVoteStore.open(database), PostgresVoteStore.open(database)]);
    try {
      assert.deepEqual(await store.summary(C, TOOLS, 'voter-old-00000005'), {
        comparisonId: C,
        tallies: { alpha: 40, beta: 10 },
        total: 50,
        yourVote: 'beta',
      });
      assert.deepEqual((await other.vote(C, TOOLS, 'voter-old-00000005', 'alpha')).tallies, { alpha: 41, beta: 9 });
      assert.deepEqual((await store.withdraw(C, TOOLS, 'voter-old-00000001')).tallies, { alpha: 40, beta: 9 });
    } finally {
      await Promise.all([store.close(), other.close()]);
    }
  });

  it('tells every store on the database which comparison changed', async () => {
    await withStore(async (store, database) => {
      const other = await PostgresVoteStore.open(database);
      try {
        const heard = new Promise<string | null>((resolve) => {
          const stop = other.onChange((id) => {
            stop();
            resolve(id);
          });
        });
        await store.vote('told', TOOLS, voter('t'), 'alpha');
        assert.equal(await heard, 'told');
      } finally {
        await other.close();
      }
    });
  });

  it('shares rate limits between the stores of one database, refilled on its clock', async () => {
    await withStore(async (store, database) => {
      const other = await PostgresVoteStore.open(database);
      try {
        const bucket = { capacity: 3, windowMs: 30_000 };
        const [a, b] = [store.rateLimiter('writes', bucket), other.rateLimiter('writes', bucket)];
        const reads = other.rateLimiter('reads', bucket);
        const taken = await Promise.all([a.take('10.0.0.1'), b.take('10.0.0.1'), a.take('10.0.0.1')]);
        assert.deepEqual(taken, Array(3).fill({ allowed: true }));
        assert.deepEqual(await b.take('10.0.0.1'), { allowed: false, retryAfterSeconds: 10 });
        assert.deepEqual(await a.take('10.0.0.1'), { allowed: false, retryAfterSeconds: 10 });
        assert.deepEqual(await a.take('10.0.0.2'), { allowed: true }, 'another address has its own bucket');
        assert.deepEqual(await reads.take('10.0.0.1'), { allowed: true }, 'another limit has its own bucket');

        // A drained bucket refills evenly: a tenth of the window gives back 0.3 of a token.
        const fast = store.rateLimiter('fast', { capacity: 1, windowMs: 300 });
        assert.equal((await fast.take('x')).allowed, true);
        assert.equal((await fast.take('x')).allowed, false);
        await sleep(350);
        assert.equal((await fast.take('x')).allowed, true);
      } finally {
        await other.close();
      }
    });
  });

  it('does not even touch the row of a repeated vote', async () => {
    await withStore(async (store, database) => {
      const row = async () =>
        (await running().query('SELECT xmin::text, updated_at FROM ai_compare_votes WHERE voter_id = $1', [voter('a')], database))
          .rows[0];
      await store.vote(C, TOOLS, voter('a'), 'alpha');
      const before = await row();
      await sleep(5);
      assert.equal((await store.vote(C, TOOLS, voter('a'), 'alpha')).total, 1);
      assert.deepEqual(await row(), before);
      await store.vote(C, TOOLS, voter('a'), 'beta');
      assert.notDeepEqual(await row(), before, 'a move does update it');
    });
  });

  it('fails only the write that fails, rolled back, and keeps serving', async () => {
    await withStore(async (store, database) => {
      await running().query(
        `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'refused by test'; END $$;
         CREATE TRIGGER refuse BEFORE INSERT ON ai_compare_votes
         FOR EACH ROW WHEN (NEW.voter_id = '${voter('poison')}') EXECUTE FUNCTION refuse();`,
        [],
        database,
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
      assert.match(String((results[1] as PromiseRejectedResult).reason), /refused by test/);
      // More writes than the pool has connections: a failed one must not have leaked its connection.
      await Promise.all(Array.from({ length: 30 }, (_, i) => store.vote(C, TOOLS, voter(`after-${i}`), 'alpha')));
      assert.deepEqual((await store.summary(C, TOOLS, voter('poison'))).tallies, { alpha: 31, beta: 1 });
    });
  });

  it('reconnects after the database drops its connections', async (t) => {
    await withStore(async (store, database) => {
      const logged = t.mock.method(console, 'error', () => undefined);
      await store.vote(C, TOOLS, voter('before'), 'alpha');
      // Only the store connects to this database: the helper's own queries use `postgres`.
      const name = new URL(database).pathname.slice(1);
      const pg = running();
      const { rows } = await pg.query<{ pid: number }>(
        'SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      const dropped = rows.map((row) => row.pid);
      assert.ok(dropped.length >= 2, 'a request connection and the change listener');
      // Those connections end; the change listener then connects again by itself.
      for (let i = 0; (await pg.query('SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1)', [dropped])).rowCount; i++) {
        assert.ok(i < 100, 'the connections end');
        await sleep(20);
      }
      await sleep(100);
      assert.ok(logged.mock.callCount() >= 1, 'the dropped idle connection is reported, not thrown');
      for (let i = 0; !(await pg.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE $2', [name, 'LISTEN%'])).rowCount; i++) {
        assert.ok(i < 200, 'the change listener is back');
        await sleep(20);
      }
      assert.equal((await store.vote(C, TOOLS, voter('after'), 'beta')).total, 2);
    });
  });

  it('refuses a database written by a newer schema, and a database it cannot reach', async () => {
    const database = await freshDatabase();
    await (await PostgresVoteStore.open(database)).close();
    await running().query('UPDATE ai_compare_schema SET version = $1', [SCHEMA_VERSION + 1], database);
    await assert.rejects(
      PostgresVoteStore.open(database),
      new RegExp(`schema version ${SCHEMA_VERSION + 1}; this server knows up to ${SCHEMA_VERSION}`),
    );

    // A port nobody listens on (binding port 1 needs root, and nothing here does).
    const unreachable = new URL(database);
    unreachable.port = '1';
    await assert.rejects(PostgresVoteStore.open(unreachable.href), /ECONNREFUSED/);
  });
});

describe('the server with a PostgreSQL DATABASE_URL', { skip }, () => {
  it('keeps votes across a SIGTERM and a restart, and shares them between two servers', async () => {
    const dir = tempDir();
    try {
      writeFeeds(dir.path, { 'kept.json': feed('kept') });
      const env = { FEEDS_DIR: dir.path, DATABASE_URL: await running().createDatabase('served') };
      const read = async (base: string, voterId: string) => {
        const response = await fetch(votesUrl(base, 'kept', voterId));
        assert.equal(response.status, 200);
        return (await response.json()) as Summary;
      };

      const first = await startServer(env);
      try {
        for (const [label, toolId] of [['p1', 'alpha'], ['p2', 'beta'], ['p3', 'beta']] as const) {
          const response = await postVote(first.url, 'kept', { toolId, voterId: voter(label) });
          assert.equal(response.status, 200, await response.clone().text());
          assert.equal(((await response.json()) as Summary).yourVote, toolId);
        }
        assert.equal((await withdraw(first.url, 'kept', voter('p3'))).status, 200);
      } finally {
        assert.equal(await first.stop(), 0, first.stderr());
      }

      // Two servers on one database, as deployments with several processes run: both migrate at once.
      const [second, third] = await Promise.all([startServer(env), startServer(env)]);
      try {
        assert.deepEqual(await read(second.url, voter('p2')), {
          comparisonId: 'kept',
          tallies: { alpha: 1, beta: 1 },
          total: 2,
          yourVote: 'beta',
        });
        assert.equal((await read(second.url, voter('p3'))).yourVote, null);
        assert.equal((await postVote(third.url, 'kept', { toolId: 'alpha', voterId: voter('p4') })).status, 200);
        assert.deepEqual((await read(second.url, voter('p4'))).tallies, { alpha: 2, beta: 1 });
      } finally {
        assert.equal(await second.stop(), 0, second.stderr());
        assert.equal(await third.stop(), 0, third.stderr());
      }
    } finally {
      dir.remove();
    }
  });
});
