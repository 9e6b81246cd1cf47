/** A 200 means stored: votes survive a restart, and SIGTERM lets requests in flight finish. */
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { feed, postVote, voter, votesUrl, voteToken, withdraw, writeFeeds, type Summary } from './helpers/fixtures.js';
import { rawRequest } from './helpers/raw-http.js';
import { startServer, tempDir } from './helpers/server-process.js';

const dir = tempDir();
after(() => dir.remove());

const database = join(dir.path, 'data', 'votes.db');
const env = { FEEDS_DIR: dir.path, DATABASE_URL: `sqlite:${database}` };
writeFeeds(dir.path, { 'kept.json': feed('kept') });

async function summary(base: string, voterId: string): Promise<Summary> {
  const response = await fetch(votesUrl(base, 'kept', voterId));
  assert.equal(response.status, 200);
  return (await response.json()) as Summary;
}

describe('persistence', () => {
  it('keeps votes across a SIGTERM and a restart on the same database file', async () => {
    const first = await startServer(env);
    assert.ok(existsSync(database), 'the server creates the database and its folder');
    for (const [label, toolId] of [['p1', 'alpha'], ['p2', 'beta'], ['p3', 'beta'], ['p4', 'alpha']] as const) {
      assert.equal((await postVote(first.url, 'kept', { toolId, voterId: voter(label) })).status, 200);
    }
    assert.equal((await withdraw(first.url, 'kept', voter('p4'))).status, 200);
    assert.equal(await first.stop(), 0);
    // Shutdown checkpoints the write-ahead log into the database file.
    const wal = `${database}-wal`;
    assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'the log is folded back on shutdown');

    const second = await startServer(env);
    try {
      assert.deepEqual(await summary(second.url, voter('p2')), {
        comparisonId: 'kept',
        tallies: { alpha: 1, beta: 2 },
        total: 3,
        yourVote: 'beta',
      });
      assert.equal((await summary(second.url, voter('p1'))).yourVote, 'alpha');
      assert.equal((await summary(second.url, voter('p4'))).yourVote, null);
    } finally {
      assert.equal(await second.stop(), 0);
    }
  });

  it('finishes a vote that is in flight when SIGTERM arrives, then exits 0', async () => {
    const server = await startServer(env);
    const body = JSON.stringify({ toolId: 'alpha', voterId: voter('in-flight') });
    const token = (await voteToken(votesUrl(server.url, 'kept'))) ?? '';
    let stopped: Promise<number | null> | undefined;
    const response = await rawRequest(server.url, '/api/comparisons/kept/votes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'vote-token': token },
      chunks: [body.slice(0, 10), body.slice(10)],
      // The server has the request but not its whole body when it is told to stop.
      beforeLastChunk: async () => {
        await sleep(500);
        stopped = server.stop();
        await sleep(300);
      },
    });
    assert.equal(response.status, 200, response.body);
    assert.equal((JSON.parse(response.body) as Summary).yourVote, 'alpha');
    assert.equal(await stopped, 0);

    const again = await startServer(env);
    try {
      assert.equal((await summary(again.url, voter('in-flight'))).yourVote, 'alpha');
      assert.equal((await summary(again.url, voter('p1'))).total, 4);
    } finally {
      assert.equal(await again.stop(), 0);
    }
  });
});
