import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliDecompressSync } from 'node:zlib';
import { Hono } from 'hono';
import { MemoryRateLimiter } from '../../server/http/rate-limit.js';
import { registerComparisonPages } from '../../server/routes/page-route.js';
import { TallyCache } from '../../server/storage/tally-cache.js';
import { appUnderTest, type AppUnderTest } from './helpers/app.js';
import { feed } from './helpers/fixtures.js';

describe('GET /comparisons/{id}', () => {
  let t: AppUnderTest;

  before(async () => {
    const withVotes = { ...feed('alpha-vs-beta'), votes: { endpoint: '/api/comparisons/alpha-vs-beta/votes' } };
    t = await appUnderTest({ feeds: { 'a.json': withVotes } });
    await t.store.vote('alpha-vs-beta', ['alpha', 'beta'], 'page-route-voter-0001', 'beta');
  });
  after(() => t.close());

  it('answers the comparison prerendered with the current tallies, compressed, under a policy that allows its style', async () => {
    const response = await t.request('/comparisons/alpha-vs-beta?lang=de&theme=dark', { headers: { 'accept-encoding': 'br' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), 'br');
    const page = brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString('utf8');
    assert.match(page, /<ai-compare lang="de" theme="dark" state="ready"><template shadowrootmode="open">/);
    // One vote for beta: 100 % in German, in the shadow root.
    assert.match(page, /100\u00a0%/);
    const style = /<style>(.*?)<\/style>/s.exec(page)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    assert.match(response.headers.get('content-security-policy') ?? '', new RegExp(`style-src 'self' 'sha256-${hash.replace(/[+/=]/g, '\\$&')}'`));
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self';/);
  });

  it('shows a new vote on the next request', async () => {
    const first = await (await t.request('/comparisons/alpha-vs-beta')).text();
    assert.match(first, /1 of 1 vote</);
    await t.store.vote('alpha-vs-beta', ['alpha', 'beta'], 'page-route-voter-0002', 'alpha');
    // The public tallies are read at most once per 100 ms.
    await sleep(150);
    const second = await (await t.request('/comparisons/alpha-vs-beta')).text();
    assert.match(second, /1 of 2 votes/);
  });

  it('answers 404 for an unknown comparison', async () => {
    assert.equal((await t.request('/comparisons/nope')).status, 404);
  });

  it('renders once per page a reader would see differ, within a budget per client and for the server', async () => {
    const app = new Hono();
    const tallies = new TallyCache(t.store);
    // Three renders for the server and two per client, then none for an hour.
    registerComparisonPages(app, {
      feeds: t.feeds,
      tallies,
      clientKey: (c) => c.req.header('x-client') ?? 'a',
      renders: new MemoryRateLimiter({ capacity: 3, windowMs: 3_600_000 }),
      rendersPerClient: new MemoryRateLimiter({ capacity: 2, windowMs: 3_600_000 }),
    });
    const page = async (query: string, client = 'a') => {
      const response = await app.request(`http://blog.test/comparisons/alpha-vs-beta?${query}`, { headers: { 'x-client': client } });
      return { status: response.status, retry: response.headers.get('retry-after'), text: await response.text() };
    };
    const german = await page('lang=de-x-made-up&theme=neon');
    assert.equal(german.status, 200);
    assert.match(german.text, /<ai-compare lang="de" theme="auto" state="ready">/);
    // Made-up tags, extensions and themes are the page already rendered.
    for (const query of ['lang=de-x-other&theme=plaid', 'lang=de&theme=auto', 'lang=DE', 'lang=de-u-nu-arab-ca-buddhist']) {
      assert.equal((await page(query)).text, german.text, query);
    }
    // An unknown language is English.
    const english = await page('lang=zz');
    assert.match(english.text, /<ai-compare lang="en" theme="auto" state="ready">/);
    assert.match(english.text, /1 of 2 votes/);

    // This client's renders are spent; another client's are not, until the server's are.
    assert.deepEqual((await page('lang=fr')).status, 503);
    assert.match((await page('lang=fr', 'b')).text, /<ai-compare lang="fr"/);
    const spanish = await page('lang=es', 'b');
    assert.deepEqual([spanish.status, spanish.retry], [503, '1']);

    // With none left, a page whose tallies changed is its last render.
    const before = (await tallies.get('alpha-vs-beta', ['alpha', 'beta'])).etag;
    await t.store.vote('alpha-vs-beta', ['alpha', 'beta'], 'page-route-voter-0003', 'alpha');
    await sleep(150);
    assert.notEqual((await tallies.get('alpha-vs-beta', ['alpha', 'beta'])).etag, before, 'the tallies changed');
    assert.equal((await page('lang=en', 'c')).text, english.text);
  });
});
