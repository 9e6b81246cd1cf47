/**
 * Three server processes behind one PostgreSQL, as a load balancer would spread readers over
 * them: concurrent votes, moves and withdrawals through all three add up exactly, one rate limit
 * is shared, and each server's public tallies and live streams follow votes cast on the others.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { feed, votesUrl, writeFeeds, type Summary } from './helpers/fixtures.js';
import { findPostgres, startCluster, type PostgresCluster } from './helpers/postgres.js';
import { startServer, tempDir, type RunningServer } from './helpers/server-process.js';

const ID = 'alpha-vs-beta';
const found = await findPostgres();
const skip = 'skipped' in found ? found.skipped : false;

/** A request as if from `address`, passed on by the one trusted proxy in front. */
function send(base: string, address: string, init: { method: string; body?: unknown; voterId?: string }) {
  const headers: Record<string, string> = { 'x-forwarded-for': address };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.voterId) headers['voter-id'] = init.voterId;
  return fetch(votesUrl(base, ID), {
    method: init.method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

describe('three servers on one PostgreSQL', { skip, timeout: 120_000 }, () => {
  let cluster: PostgresCluster | undefined;
  let servers: RunningServer[] = [];
  let database = '';
  const dir = tempDir();

  before(async () => {
    if ('skipped' in found) return;
    cluster = await startCluster(found);
    writeFeeds(dir.path, { 'a.json': feed(ID) });
    const env = {
      FEEDS_DIR: dir.path,
      DATABASE_URL: (database = await cluster.createDatabase('scale_out')),
      TRUST_PROXY: '1',
      VOTE_PROOF: 'off',
      RATE_LIMIT_WRITES: '5',
      RATE_LIMIT_WINDOW_MS: '600000',
      RATE_LIMIT_COMPARISON_WRITES: '1000',
      RATE_LIMIT_NETWORK_WRITES: '1000',
    };
    // All three start at once: the schema is migrated once, under the advisory lock.
    servers = await Promise.all([startServer(env), startServer(env), startServer(env)]);
  });
  after(async () => {
    for (const server of servers) assert.equal(await server.stop(), 0, server.stderr());
    await cluster?.stop();
    dir.remove();
  });

  it('count concurrent votes, moves and withdrawals through all three exactly', async () => {
    const voters = Array.from({ length: 240 }, (_, i) => ({
      id: `scale-voter-${String(i).padStart(8, '0')}`,
      // A network of its own per voter: 10.x.y.1
      address: `10.${Math.floor(i / 200)}.${i % 200}.1`,
    }));
    const finals = await Promise.all(
      voters.map(async ({ id, address }, i) => {
        // Each voter's writes go one after the other, each to another server.
        const steps: { toolId: string | null }[] = [{ toolId: i % 3 ? 'alpha' : 'beta' }];
        if (i % 4 === 0) steps.push({ toolId: i % 3 ? 'beta' : 'alpha' }); // a move
        if (i % 5 === 0) steps.push({ toolId: null }); // a withdrawal
        let last: Summary | undefined;
        for (const [k, { toolId }] of steps.entries()) {
          const base = servers[(i + k) % servers.length].url;
          const response =
            toolId === null
              ? await send(base, address, { method: 'DELETE', voterId: id })
              : await send(base, address, { method: 'POST', body: { toolId, voterId: id } });
          assert.equal(response.status, 200, await response.clone().text());
          last = (await response.json()) as Summary;
          assert.equal(last.yourVote, toolId);
        }
        return last?.yourVote ?? null;
      }),
    );
    const expected = { alpha: finals.filter((t) => t === 'alpha').length, beta: finals.filter((t) => t === 'beta').length };
    const recount = await cluster?.query<{ tool_id: string; n: number }>(
      'SELECT tool_id, count(*)::int AS n FROM ai_compare_votes GROUP BY tool_id ORDER BY tool_id',
      [],
      database,
    );
    assert.deepEqual(Object.fromEntries((recount?.rows ?? []).map((row) => [row.tool_id, row.n])), expected);

    // Every server's public tallies come to the same exact count within a moment.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    for (const server of servers) {
      const response = await fetch(votesUrl(server.url, ID));
      assert.deepEqual(await response.json(), { comparisonId: ID, tallies: expected, total: expected.alpha + expected.beta });
    }
  });

  it('share one rate limit: an address gets its burst once, not once per server', async () => {
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 15 }, async (_, i) => {
        const response = await send(servers[i % 3].url, '192.0.2.77', {
          method: 'POST',
          body: { toolId: 'alpha', voterId: `limited-voter-${String(i).padStart(6, '0')}` },
        });
        statuses.push(response.status);
        await response.arrayBuffer();
      }),
    );
    assert.equal(statuses.filter((status) => status === 200).length, 5, statuses.join(' '));
    assert.equal(statuses.filter((status) => status === 429).length, 10);
  });

  it('bring a vote cast on one server to a live stream on another', { timeout: 15_000 }, async () => {
    const controller = new AbortController();
    const response = await fetch(`${votesUrl(servers[2].url, ID)}/live`, { signal: controller.signal });
    assert.equal(response.status, 200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const nextTotal = async () => {
      for (;;) {
        const match = /data: (\{.*\})\n\n/.exec(seen);
        if (match) {
          seen = seen.slice((match.index ?? 0) + match[0].length);
          return (JSON.parse(match[1]) as Summary).total;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        seen += decoder.decode(value, { stream: true });
      }
    };
    try {
      await nextTotal(); // the catch-up
      const cast = await send(servers[0].url, '198.51.100.9', { method: 'POST', body: { toolId: 'beta', voterId: 'live-across-servers-1' } });
      assert.equal(cast.status, 200);
      const { total } = (await cast.json()) as Summary;
      const started = performance.now();
      // Events come until one carries the vote (an earlier one may still be catching up).
      while ((await nextTotal()) !== total) assert.ok(performance.now() - started < 2500, 'the vote arrives');
      assert.ok(performance.now() - started < 2500, `arrived after ${Math.round(performance.now() - started)} ms`);
    } finally {
      controller.abort();
    }
  });
});
