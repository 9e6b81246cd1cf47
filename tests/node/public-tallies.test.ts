/**
 * The public read of a comparison's tallies: one answer for everyone that browsers and CDNs can
 * cache and revalidate, served from a short in-process cache; personal answers stay `no-store`,
 * and the voter id stays out of URLs and logs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { appUnderTest, type AppUnderTest } from './helpers/app.js';
import { feed, postVote, UNLIMITED_WRITES, voter, votesUrl, withdraw, writeFeeds } from './helpers/fixtures.js';
import { startServer, tempDir } from './helpers/server-process.js';

const ID = 'alpha-vs-beta';
const PATH = `/api/comparisons/${ID}/votes`;

describe('the public tallies', () => {
  let app: AppUnderTest;
  before(async () => {
    app = await appUnderTest({ feeds: { 'a.json': feed(ID) }, integrity: { proof: false } });
  });
  after(() => app.close());

  const vote = (voterId: string, toolId: string) =>
    app.request(PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ toolId, voterId }) });

  it('answer the same cacheable tallies to everyone, with an ETag, and 304 when it still matches', async () => {
    assert.equal((await vote(voter('p1'), 'alpha')).status, 200);
    await sleep(150);
    const response = await app.request(PATH);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await response.json(), { comparisonId: ID, tallies: { alpha: 1, beta: 0 }, total: 1 });
    const cacheControl = response.headers.get('cache-control') ?? '';
    // With vote tokens on, the token is kept out of shared caches.
    assert.match(cacheControl, /^public, max-age=[1-9]\d*, stale-while-revalidate=\d+(, private="Vote-Token")?$/);
    const etag = response.headers.get('etag') ?? '';
    assert.match(etag, /^"[\w-]+"$/);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const revalidated = await app.request(PATH, { headers: { 'if-none-match': ifNoneMatch } });
      assert.equal(revalidated.status, 304, ifNoneMatch);
      assert.equal(await revalidated.text(), '');
      assert.equal(revalidated.headers.get('etag'), etag);
      assert.equal(revalidated.headers.get('cache-control'), cacheControl);
    }
    const stale = await app.request(PATH, { headers: { 'if-none-match': '"other"' } });
    assert.equal(stale.status, 200);
    await stale.arrayBuffer();
  });

  it('cost the store one read for a burst of page views', async (t) => {
    await sleep(1100); // older than the cache's longest age
    const reads = t.mock.method(app.store, 'summary');
    const answers = await Promise.all(Array.from({ length: 300 }, () => app.request(PATH)));
    for (const answer of answers) assert.equal(answer.status, 200);
    const etags = new Set(answers.map((answer) => answer.headers.get('etag')));
    assert.equal(etags.size, 1);
    assert.equal(reads.mock.callCount(), 1);
  });

  it('follow votes, moves and withdrawals within a moment, with a new ETag', async () => {
    const first = await app.request(PATH);
    const etag = first.headers.get('etag');
    const cast = await vote(voter('p2'), 'beta');
    assert.equal(cast.headers.get('cache-control'), 'no-store');
    assert.deepEqual(((await cast.json()) as { yourVote: string }).yourVote, 'beta');
    await sleep(150);
    const after = await app.request(PATH, { headers: { 'if-none-match': etag ?? '' } });
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.get('etag'), etag);
    assert.deepEqual(await after.json(), { comparisonId: ID, tallies: { alpha: 1, beta: 1 }, total: 2 });

    const withdrawn = await app.request(PATH, { method: 'DELETE', headers: { 'voter-id': voter('p2') } });
    assert.equal(withdrawn.status, 200);
    assert.equal(withdrawn.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await withdrawn.json(), { comparisonId: ID, tallies: { alpha: 1, beta: 0 }, total: 1, yourVote: null });
    await sleep(150);
    assert.deepEqual(await (await app.request(PATH)).json(), { comparisonId: ID, tallies: { alpha: 1, beta: 0 }, total: 1 });
  });

  it('leave the personal read to a Voter-Id header (or ?voter=), never cached', async () => {
    for (const init of [{ headers: { 'voter-id': voter('p1') } }, {}]) {
      const url = 'headers' in init ? PATH : `${PATH}?voter=${voter('p1')}`;
      const response = await app.request(url, init);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('etag'), null);
      assert.equal(((await response.json()) as { yourVote: string }).yourVote, 'alpha');
    }
  });
});

describe('the voter id in logs', () => {
  it('never appears, whatever the request carried it in', async () => {
    const dir = tempDir();
    writeFeeds(dir.path, { 'a.json': feed(ID) });
    const server = await startServer({ FEEDS_DIR: dir.path, DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'debug', ...UNLIMITED_WRITES });
    try {
      const secret = voter('logged-never');
      assert.equal((await postVote(server.url, ID, { toolId: 'alpha', voterId: secret })).status, 200);
      for (const response of [
        await fetch(votesUrl(server.url, ID, secret)),
        await fetch(votesUrl(server.url, ID), { headers: { 'voter-id': secret } }),
        await fetch(votesUrl(server.url, ID, 'not a voter id')),
        await withdraw(server.url, ID, secret),
        await postVote(server.url, ID, { toolId: 'nope', voterId: secret }),
      ]) {
        await response.arrayBuffer();
      }
    } finally {
      await server.stop();
      dir.remove();
    }
    const logs = server.stdout() + server.stderr();
    assert.match(logs, /"path":"\/api\/comparisons\/alpha-vs-beta\/votes"/, 'requests are logged');
    assert.doesNotMatch(logs, /logged-never/);
  });
});
