/**
 * The vote and feed API, in-process (`app.request()`), and over a real socket where the socket
 * is the point: the start-up banner, chunked bodies and paths as clients send them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { appUnderTest, type AppUnderTest } from './helpers/app.js';
import {
  feed,
  http,
  LAUNCH_FEED,
  postVote,
  voter,
  votesUrl,
  withdraw,
  writeFeeds,
  type ErrorBody,
  type Summary,
} from './helpers/fixtures.js';
import { rawRequest } from './helpers/raw-http.js';
import { ROOT, startServer, tempDir, type RunningServer } from './helpers/server-process.js';

const launchBytes = readFileSync(join(ROOT, LAUNCH_FEED.file));
const FEEDS = {
  'launch.json': launchBytes.toString('utf8'),
  'happy.json': feed('happy-path'),
  'refusals.json': feed('refusals'),
};
let t: AppUnderTest;
let base: string;

before(async () => {
  // Every request comes from one address here: the write limits are tested elsewhere.
  t = await appUnderTest({ feeds: FEEDS, integrity: { comparisonWrites: 1_000_000, networkWrites: 1_000_000 } });
  base = t.url;
});

after(() => t.close());

async function summaryOf(response: Response): Promise<Summary> {
  assert.equal(response.status, 200, await response.clone().text());
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return (await response.json()) as Summary;
}

async function getVotes(comparisonId: string, voterId: string): Promise<Summary> {
  return summaryOf(await http(votesUrl(base, comparisonId, voterId)));
}

/** Asserts the error answer: status, code, and the `{"error": {"code", "message"}}` shape. */
async function assertError(response: Response, status: number, code: string): Promise<void> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = JSON.parse(text) as ErrorBody;
  assert.deepEqual(Object.keys(body), ['error']);
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
}

describe('GET /api/comparisons/{id}', () => {
  const feedUrl = () => `${base}/api/comparisons/${LAUNCH_FEED.id}`;

  it('serves the feed file byte for byte, cacheable, with a strong ETag', async () => {
    const response = await http(feedUrl());
    assert.equal(response.status, 200);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), launchBytes);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('etag') ?? '', /^"[A-Za-z0-9_-]{20,}"$/);
  });

  it('answers 304 to a matching If-None-Match and 200 to a stale one', async () => {
    const etag = (await http(feedUrl())).headers.get('etag') ?? '';
    for (const header of [etag, `W/${etag}`, `"stale", ${etag}`, '*']) {
      const response = await http(feedUrl(), { headers: { 'if-none-match': header } });
      assert.equal(response.status, 304, header);
      assert.equal(response.headers.get('etag'), etag);
      assert.equal(await response.text(), '');
    }
    const stale = await http(feedUrl(), { headers: { 'if-none-match': '"stale"' } });
    assert.equal(stale.status, 200);
    assert.deepEqual(Buffer.from(await stale.arrayBuffer()), launchBytes);
  });

  it('gives each feed its own tag', async () => {
    const tags = await Promise.all(
      [LAUNCH_FEED.id, 'happy-path', 'refusals'].map(async (id) => {
        const response = await http(`${base}/api/comparisons/${id}`);
        assert.equal(response.status, 200);
        return response.headers.get('etag');
      }),
    );
    assert.equal(new Set(tags).size, 3);
  });

  it('answers 404 for an unknown comparison', async () => {
    await assertError(await http(`${base}/api/comparisons/no-such-thing`), 404, 'not-found');
  });

  it('answers 405 with Allow to writes', async () => {
    const response = await http(feedUrl(), { method: 'PUT', body: '{}' });
    assert.equal(response.headers.get('allow'), 'GET, HEAD, OPTIONS');
    await assertError(response, 405, 'method-not-allowed');
  });
});

describe('votes', () => {
  const id = 'happy-path';
  const alice = voter('alice');
  const bob = voter('bob');

  it('start empty, listing both tools', async () => {
    const summary = await getVotes(id, alice);
    assert.deepEqual(summary, { comparisonId: id, tallies: { alpha: 0, beta: 0 }, total: 0, yourVote: null });
  });

  it('are cast with POST and answered with the new summary', async () => {
    const response = await postVote(base, id, { toolId: 'alpha', voterId: alice });
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await summaryOf(response), {
      comparisonId: id,
      tallies: { alpha: 1, beta: 0 },
      total: 1,
      yourVote: 'alpha',
    });
    assert.equal((await getVotes(id, alice)).yourVote, 'alpha');
    assert.deepEqual(await getVotes(id, bob), {
      comparisonId: id,
      tallies: { alpha: 1, beta: 0 },
      total: 1,
      yourVote: null,
    });
  });

  it('count once per voter: voting again for the same tool changes nothing', async () => {
    for (let i = 0; i < 3; i++) {
      const summary = await summaryOf(await postVote(base, id, { toolId: 'alpha', voterId: alice }));
      assert.deepEqual(summary.tallies, { alpha: 1, beta: 0 });
      assert.equal(summary.total, 1);
    }
  });

  it('move when the voter picks the other tool', async () => {
    await summaryOf(await postVote(base, id, { toolId: 'beta', voterId: bob }));
    const moved = await summaryOf(await postVote(base, id, { toolId: 'beta', voterId: alice }));
    assert.deepEqual(moved, { comparisonId: id, tallies: { alpha: 0, beta: 2 }, total: 2, yourVote: 'beta' });
  });

  it('are withdrawn with DELETE, also when there is nothing to withdraw', async () => {
    const withdrawn = await summaryOf(await withdraw(base, id, alice));
    assert.deepEqual(withdrawn, { comparisonId: id, tallies: { alpha: 0, beta: 1 }, total: 1, yourVote: null });
    const again = await summaryOf(await withdraw(base, id, alice));
    assert.deepEqual(again, withdrawn);
    assert.deepEqual((await getVotes(id, bob)).yourVote, 'beta');
  });

  it('accept a JSON content type with parameters', async () => {
    const response = await postVote(base, id, { toolId: 'alpha', voterId: alice }, {
      'content-type': 'Application/JSON; charset=utf-8',
    });
    assert.equal((await summaryOf(response)).yourVote, 'alpha');
  });
});

describe('refused requests', () => {
  const id = 'refusals';
  const holder = voter('holder');
  const other = voter('other');
  let before: Summary;

  const post = (body: unknown, headers?: Record<string, string>) => postVote(base, id, body, headers);
  const badVoters = ['short-id', 'x'.repeat(65), 'has spaces in it ok', 'ümlaut-voter-id-long', 'semi;colon;voter;id'];

  it('are refused after real votes exist', async () => {
    await summaryOf(await post({ toolId: 'alpha', voterId: holder }));
    before = await summaryOf(await post({ toolId: 'beta', voterId: other }));
    assert.deepEqual(before.tallies, { alpha: 1, beta: 1 });
  });

  it('400 bad-request for a malformed JSON body', async () => {
    await assertError(await post(`{"toolId": "beta", "voterId": "${holder}"`), 400, 'bad-request');
    await assertError(await post(''), 400, 'bad-request');
    await assertError(await post('\u00ff'), 400, 'bad-request');
  });

  it('400 bad-request for missing or mistyped fields', async () => {
    await assertError(await post({ voterId: holder }), 400, 'bad-request');
    await assertError(await post({ toolId: 'beta' }), 400, 'bad-request');
    await assertError(await post({}), 400, 'bad-request');
    await assertError(await post({ toolId: 7, voterId: holder }), 400, 'bad-request');
    await assertError(await post({ toolId: 'beta', voterId: 1234567890123456 }), 400, 'bad-request');
    await assertError(await post([{ toolId: 'beta', voterId: holder }]), 400, 'bad-request');
    await assertError(await post('null'), 400, 'bad-request');
  });

  it('400 bad-voter for a malformed voter id in the body', async () => {
    for (const voterId of badVoters) {
      await assertError(await post({ toolId: 'beta', voterId }), 400, 'bad-voter');
    }
  });

  it('400 bad-voter for a malformed voter of GET and DELETE, in the query or the Voter-Id header, and a DELETE without one', async () => {
    await assertError(await http(votesUrl(base, id), { method: 'DELETE' }), 400, 'bad-voter');
    for (const method of ['GET', 'DELETE']) {
      await assertError(await http(`${votesUrl(base, id)}?voter=`, { method }), 400, 'bad-voter');
      for (const voterId of badVoters) {
        await assertError(await http(votesUrl(base, id, voterId), { method }), 400, 'bad-voter');
        await assertError(await http(votesUrl(base, id), { method, headers: { 'voter-id': voterId } }), 400, 'bad-voter');
      }
    }
  });

  it('404 not-found for an unknown comparison, whatever the method', async () => {
    await assertError(await http(votesUrl(base, 'unknown-comparison', holder)), 404, 'not-found');
    await assertError(
      await http(votesUrl(base, 'unknown-comparison', holder), { method: 'DELETE' }),
      404,
      'not-found',
    );
    await assertError(
      await postVote(base, 'unknown-comparison', { toolId: 'alpha', voterId: holder }),
      404,
      'not-found',
    );
  });

  it('404 not-found for a tool that is not in the comparison', async () => {
    await assertError(await post({ toolId: 'gamma', voterId: holder }), 404, 'not-found');
    // A tool of another comparison is still unknown here.
    await assertError(await post({ toolId: LAUNCH_FEED.tools[0], voterId: holder }), 404, 'not-found');
  });

  it('405 method-not-allowed with an Allow header', async () => {
    for (const method of ['PUT', 'PATCH']) {
      const response = await http(votesUrl(base, id, holder), {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ toolId: 'beta', voterId: holder }),
      });
      assert.equal(response.headers.get('allow'), 'GET, POST, DELETE, OPTIONS');
      await assertError(response, 405, 'method-not-allowed');
    }
  });

  it('413 too-large for a body over 4 KiB, declared or not', async () => {
    const big = JSON.stringify({ toolId: 'beta', voterId: holder, padding: 'x'.repeat(5 * 1024) });
    await assertError(await post(big), 413, 'too-large');

    // A stream, so no Content-Length: the server must count what it reads.
    const chunks = [big.slice(0, 2000), big.slice(2000, 4000), big.slice(4000)];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' };
    await assertError(await http(votesUrl(base, id), init as RequestInit), 413, 'too-large');
  });

  it('415 unsupported-media-type for a POST that is not application/json', async () => {
    const body = JSON.stringify({ toolId: 'beta', voterId: holder });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp']) {
      await assertError(await post(body, { 'content-type': type }), 415, 'unsupported-media-type');
    }
    const untyped = await http(votesUrl(base, id), { method: 'POST', body: new Blob([body]) });
    await assertError(untyped, 415, 'unsupported-media-type');
  });

  it('never changed the stored votes', async () => {
    assert.deepEqual(await getVotes(id, holder), { ...before, yourVote: 'alpha' });
    assert.deepEqual(await getVotes(id, other), { ...before, yourVote: 'beta' });
  });
});

describe('CORS with the default ALLOWED_ORIGINS=*', () => {
  it('lets any origin read answers, errors included, without credentials', async () => {
    const headers = { origin: 'https://publisher.example' };
    const ok = await http(votesUrl(base, 'happy-path', voter('cors')), { headers });
    const refused = await http(votesUrl(base, 'happy-path', 'bad voter'), { headers });
    const feedAnswer = await http(`${base}/api/comparisons/${LAUNCH_FEED.id}`, { headers });
    for (const response of [ok, refused, feedAnswer]) {
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.equal(response.headers.get('access-control-allow-credentials'), null);
      await response.arrayBuffer();
    }
    assert.equal(ok.status, 200);
    assert.equal(refused.status, 400);
  });

  it('answers preflights with 204, the methods, the header and a day of caching', async () => {
    const response = await http(votesUrl(base, 'happy-path'), {
      method: 'OPTIONS',
      headers: {
        origin: 'https://publisher.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET, POST, DELETE, OPTIONS');
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type, vote-token, voter-id');
    assert.equal(response.headers.get('access-control-max-age'), '86400');
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
    assert.equal(await response.text(), '');
  });
});

describe('other routes', () => {
  it('answer unknown API routes with a JSON 404', async () => {
    await assertError(await http(`${base}/api/nothing-here`), 404, 'not-found');
    await assertError(await http(`${base}/api/comparisons/${LAUNCH_FEED.id}/tallies`), 404, 'not-found');
  });

  it('serve the built widget when it exists', async () => {
    const response = await http(`${base}/dist/ai-compare.js`);
    let built: Buffer | undefined;
    try {
      built = readFileSync(join(ROOT, 'dist/ai-compare.js'));
    } catch {
      built = undefined;
    }
    if (built) {
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), built);
    } else {
      assert.equal(response.status, 404);
    }
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  it('serve the demo page at / under the strict policy when it exists', async () => {
    const response = await http(`${base}/`);
    let page: Buffer | undefined;
    try {
      page = readFileSync(join(ROOT, 'demo/index.html'));
    } catch {
      page = undefined;
    }
    if (page) {
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), page);
    } else {
      assert.equal(response.status, 404);
    }
  });

  it('serve the demo feeds as files', async () => {
    const response = await http(`${base}/demo/feeds/cursor-vs-smolvlm2.json`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), launchBytes);
  });

  it('answer 404 for missing files and folders', async () => {
    for (const path of ['/dist/nope.js', '/demo/', '/demo/feeds', '/dist/']) {
      const response = await http(`${base}${path}`);
      assert.equal(response.status, 404, path);
      await response.arrayBuffer();
    }
  });
});

describe('over a real socket', () => {
  const dir = tempDir();
  let server: RunningServer;

  before(async () => {
    writeFeeds(dir.path, FEEDS);
    server = await startServer({ FEEDS_DIR: dir.path, DATABASE_URL: `sqlite:${join(dir.path, 'votes.db')}` });
  });

  after(async () => {
    assert.equal(await server.stop(), 0);
    dir.remove();
  });

  it('prints the real port and the demo URL at start', () => {
    const lines = server.stdout().trim().split('\n');
    assert.match(lines[0], /^ai-compare server listening on http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(new URL(server.url).port, '0');
    assert.equal(lines[1], `Demo: ${server.url}/`);
  });

  it('counts a chunked vote body as it reads it: 413 too-large past 4 KiB', async () => {
    const big = JSON.stringify({ toolId: 'beta', voterId: voter('chunked'), padding: 'x'.repeat(5 * 1024) });
    const chunks = [big.slice(0, 2000), big.slice(2000, 4000), big.slice(4000)];
    const response = await rawRequest(server.url, '/api/comparisons/refusals/votes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      chunks,
    });
    assert.equal(response.status, 413);
    assert.equal((JSON.parse(response.body) as ErrorBody).error.code, 'too-large');
  });

  it('refuse every way out of the served folders', async () => {
    const attempts = [
      '/dist/../package.json',
      '/demo/../../package.json',
      '/dist/..%2fpackage.json',
      '/dist/%2e%2e%2fpackage.json',
      '/demo/%2e%2e/package.json',
      '/demo/..%5cpackage.json',
      '/demo/feeds/..%2f..%2fpackage.json',
      '/demo/%2fetc%2fpasswd',
      '/dist/..%00/package.json',
      '/demo/.%2e/.%2e/package.json',
    ];
    for (const path of attempts) {
      const response = await rawRequest(server.url, path);
      assert.ok(response.status === 404 || response.status === 400, `${path} answered ${response.status}`);
      assert.doesNotMatch(response.body, /"name": "ai-compare"|root:/, path);
    }
  });

});
