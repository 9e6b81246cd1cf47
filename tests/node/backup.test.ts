/** `ai-compare backup <file>`: a consistent copy of the SQLite votes while the server runs. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { feed, postVote, voter, writeFeeds } from './helpers/fixtures.js';
import { ROOT, startServer, tempDir } from './helpers/server-process.js';

const dir = tempDir();
after(() => dir.remove());
writeFeeds(dir.path, { 'kept.json': feed('kept') });
const database = join(dir.path, 'votes.db');

function backup(target: string, env: Record<string, string> = { DATABASE_URL: `sqlite:${database}` }) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'backup', target], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('ai-compare backup', () => {
  it('copies every vote while the server keeps running, into one self-contained file', async () => {
    const server = await startServer({ FEEDS_DIR: dir.path, DATABASE_URL: `sqlite:${database}` });
    try {
      for (const label of ['b1', 'b2', 'b3']) {
        assert.equal((await postVote(server.url, 'kept', { toolId: 'alpha', voterId: voter(label) })).status, 200);
      }
      const target = join(dir.path, 'copy.db');
      const result = backup(target);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^Backed up .*votes\.db to .*copy\.db \(\d+ pages, 3 votes\)\.\n$/);
      // The server goes on taking votes after the copy was made.
      assert.equal((await postVote(server.url, 'kept', { toolId: 'beta', voterId: voter('b4') })).status, 200);

      const copy = new Database(target, { readonly: true });
      try {
        assert.equal(copy.pragma('journal_mode', { simple: true }), 'delete');
        assert.deepEqual(copy.prepare('SELECT voter_id, tool_id FROM votes ORDER BY voter_id').all(), [
          { voter_id: voter('b1'), tool_id: 'alpha' },
          { voter_id: voter('b2'), tool_id: 'alpha' },
          { voter_id: voter('b3'), tool_id: 'alpha' },
        ]);
      } finally {
        copy.close();
      }
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('never overwrites a file, and explains what it cannot back up', () => {
    const existing = backup(database);
    assert.equal(existing.status, 1);
    assert.match(existing.stderr, /already exists; choose a new file name/);
    const postgres = backup(join(dir.path, 'pg.db'), { DATABASE_URL: 'postgres://db.example/votes' });
    assert.equal(postgres.status, 1);
    assert.match(postgres.stderr, /for PostgreSQL use pg_dump/);
    const missing = backup(join(dir.path, 'none.db'), { DATABASE_URL: `sqlite:${join(dir.path, 'missing.db')}` });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /missing\.db: no such database/);
  });
});
