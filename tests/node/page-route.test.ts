import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
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
    const second = await (await t.request('/comparisons/alpha-vs-beta')).text();
    assert.match(second, /1 of 2 votes/);
  });

  it('answers 404 for an unknown comparison', async () => {
    assert.equal((await t.request('/comparisons/nope')).status, 404);
  });
});
