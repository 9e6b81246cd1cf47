/** A server configured with an origin allow-list and a small write limit. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { feed, postVote, voter, votesUrl, withdraw, writeFeeds, type ErrorBody, type Summary } from './helpers/fixtures.js';
import { startServer, tempDir, type RunningServer } from './helpers/server-process.js';

const ID = 'limited';
const LISTED = ['https://a.example', 'http://localhost:3000'];
const dir = tempDir();
let server: RunningServer;

before(async () => {
  writeFeeds(dir.path, { 'limited.json': feed(ID) });
  server = await startServer({
    FEEDS_DIR: dir.path,
    DATABASE_URL: `sqlite:${join(dir.path, 'votes.db')}`,
    ALLOWED_ORIGINS: LISTED.join(', '),
    RATE_LIMIT_WRITES: '3',
    RATE_LIMIT_WINDOW_MS: '60000',
  });
});

after(async () => {
  assert.equal(await server.stop(), 0);
  dir.remove();
});

function preflight(origin: string): Promise<Response> {
  return fetch(votesUrl(server.url, ID), {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
}

describe('ALLOWED_ORIGINS as a list', () => {
  it('echoes a listed origin and varies on Origin', async () => {
    for (const origin of LISTED) {
      const response = await fetch(votesUrl(server.url, ID), { headers: { origin } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), origin);
      assert.match(response.headers.get('vary') ?? '', /\bOrigin\b/);
      assert.equal(response.headers.get('access-control-allow-credentials'), null);
      await response.arrayBuffer();
    }
  });

  it('leaves out Allow-Origin for an unlisted origin', async () => {
    for (const origin of ['https://evil.example', 'https://a.example.evil.example', 'null']) {
      const response = await fetch(`${server.url}/api/comparisons/${ID}`, { headers: { origin } });
      assert.equal(response.headers.get('access-control-allow-origin'), null, origin);
      assert.match(response.headers.get('vary') ?? '', /\bOrigin\b/);
      await response.arrayBuffer();
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

describe('the write rate limit', () => {
  it('answers 429 with Retry-After once a client used up its writes, without storing the vote', async () => {
    const url = server.url;
    for (const label of ['w1', 'w2']) {
      assert.equal((await postVote(url, ID, { toolId: 'alpha', voterId: voter(label) })).status, 200);
    }
    assert.equal((await withdraw(url, ID, voter('w1'))).status, 200);

    const limited = await postVote(url, ID, { toolId: 'beta', voterId: voter('w3') }, { origin: LISTED[0] });
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    // One write comes back every 60 s / 3 = 20 s.
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 15 && retryAfter <= 20, String(retryAfter));
    // The browser may read Retry-After cross-origin.
    assert.equal(limited.headers.get('access-control-allow-origin'), LISTED[0]);
    assert.match(limited.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    const body = (await limited.json()) as ErrorBody;
    assert.equal(body.error.code, 'rate-limited');
    assert.equal(typeof body.error.message, 'string');

    const refused = await withdraw(url, ID, voter('w2'));
    assert.equal(refused.status, 429);
    await refused.arrayBuffer();
  });

  it('never limits public reads, limits personal reads in a bucket of their own, and the refused writes changed nothing', async () => {
    for (let i = 0; i < 10; i++) {
      const response = await fetch(votesUrl(server.url, ID));
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { comparisonId: ID, tallies: { alpha: 1, beta: 0 }, total: 1 });
    }
    const personal = () => fetch(votesUrl(server.url, ID), { headers: { 'voter-id': voter('w3') } });
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
});
