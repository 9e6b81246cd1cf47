/** The app with an origin allow-list and a small write limit, in-process. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appUnderTest, type AppUnderTest } from './helpers/app.js';
import { feed, voter, type ErrorBody, type Summary } from './helpers/fixtures.js';

const ID = 'limited';
const LISTED = ['https://a.example', 'http://localhost:3000'];
const VOTES = `/api/comparisons/${ID}/votes`;
/** A site that only the `own` comparison's feed lists (`votes.origins`). */
const BLOG = 'https://blog.example';
let t: AppUnderTest;

before(async () => {
  t = await appUnderTest({
    feeds: {
      'limited.json': feed(ID),
      'own.json': { ...feed('own'), votes: { endpoint: '/api/comparisons/own/votes', origins: [BLOG] } },
    },
    allowedOrigins: LISTED,
    writes: 3,
    writeWindowMs: 60_000,
    // Vote tokens have tests of their own; these writes are about origins and the address bucket.
    integrity: { proof: false },
  });
});

after(() => t.close());

function preflight(origin: string): Promise<Response> {
  return t.request(VOTES, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
}

const post = (toolId: string, voterId: string, headers: Record<string, string> = {}) =>
  t.request(VOTES, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ toolId, voterId }) });
const remove = (voterId: string) => t.request(`${VOTES}?voter=${voterId}`, { method: 'DELETE' });

describe('ALLOWED_ORIGINS as a list', () => {
  it('echoes a listed origin and varies on Origin', async () => {
    for (const origin of LISTED) {
      const response = await t.request(VOTES, { headers: { origin } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      assert.match(response.headers.get('vary') ?? '', /\bOrigin\b/);
      assert.equal(response.headers.get('access-control-allow-credentials'), null);
    }
  });

  it('leaves out Allow-Origin for an unlisted origin', async () => {
    for (const origin of ['https://evil.example', 'https://a.example.evil.example', 'null']) {
      const response = await t.request(`/api/comparisons/${ID}`, { headers: { origin } });
      assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
      assert.match(response.headers.get('vary') ?? '', /\bOrigin\b/);
    }
  });

  it('answers preflights from listed origins only with an Allow-Origin', async () => {
    const listed = await preflight(LISTED[0]);
    assert.equal(listed.status, 204);
    assert.equal(listed.headers.get('access-control-allow-origin'), LISTED[0]);
    assert.equal(listed.headers.get('access-control-allow-methods'), 'GET, POST, DELETE, OPTIONS');
    assert.equal(listed.headers.get('access-control-max-age'), '86400');

    const unlisted = await preflight('https://evil.example');
    assert.equal(unlisted.headers.get('access-control-allow-origin'), null);
    assert.equal(unlisted.headers.get('access-control-allow-credentials'), null);
  });
});

describe("a feed's votes.origins", () => {
  it('lets its sites read that comparison (feed, votes, live results) besides voting, and no other', async () => {
    for (const path of ['/api/comparisons/own', '/api/comparisons/own/votes', '/api/comparisons/own/votes/live']) {
      const response = await t.request(path, { headers: { origin: BLOG } });
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('access-control-allow-origin'), BLOG, path);
      assert.match(response.headers.get('vary') ?? '', /\bOrigin\b/, path);
      await response.body?.cancel();
    }
    const asked = await t.request('/api/comparisons/own/votes/live', {
      method: 'OPTIONS',
      headers: { origin: BLOG, 'access-control-request-method': 'GET' },
    });
    assert.equal(asked.headers.get('access-control-allow-origin'), BLOG);
    for (const path of [`/api/comparisons/${ID}`, VOTES, '/api/comparisons/own/elsewhere']) {
      const response = await t.request(path, { headers: { origin: BLOG } });
      assert.equal(response.headers.get('access-control-allow-origin'), null, path);
      await response.body?.cancel();
    }
  });
});

describe('the write rate limit', () => {
  it('answers 429 with Retry-After once a client used up its writes, without storing the vote', async () => {
    for (const label of ['w1', 'w2']) assert.equal((await post('alpha', voter(label))).status, 200);
    assert.equal((await remove(voter('w1'))).status, 200);

    const limited = await post('beta', voter('w3'), { origin: LISTED[0] });
    assert.equal(limited.status, 429);
    // One write comes back every 60 s / 3 = 20 s.
    assert.equal(limited.headers.get('retry-after'), '20');
    // The browser may read Retry-After cross-origin.
    assert.equal(limited.headers.get('access-control-allow-origin'), LISTED[0]);
    assert.match(limited.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    const body = (await limited.json()) as ErrorBody;
    assert.equal(body.error.code, 'rate-limited');
    assert.equal(typeof body.error.message, 'string');

    assert.equal((await remove(voter('w2'))).status, 429);
  });

  it('never limits public reads, limits personal reads in a bucket of their own, and the refused writes changed nothing', async () => {
    // Public tallies are refreshed at most every 100 ms after a change.
    await new Promise((resolve) => setTimeout(resolve, 150));
    for (let i = 0; i < 10; i++) {
      const response = await t.request(VOTES);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { comparisonId: ID, tallies: { alpha: 1, beta: 0 }, total: 1 });
    }
    const personal = () => t.request(VOTES, { headers: { 'voter-id': voter('w3') } });
    for (let i = 0; i < 3; i++) {
      const response = await personal();
      assert.equal(response.status, 200, 'the writes did not use up the reads');
      assert.deepEqual((await response.json()) as Summary, {
        comparisonId: ID,
        tallies: { alpha: 1, beta: 0 },
        total: 1,
        yourVote: null,
      });
    }
    const limited = await personal();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    await limited.arrayBuffer();
  });

  it('gives the writes back over the window', async () => {
    t.advance(20_000);
    assert.equal((await post('beta', voter('w3'))).status, 200);
    assert.equal((await post('beta', voter('w4'))).status, 429);
  });
});
