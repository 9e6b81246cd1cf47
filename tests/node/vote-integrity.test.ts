/**
 * What makes ballot stuffing expensive: writes only from allowed sites, a signed vote token, and
 * write limits per comparison by address and by network. In-process, with client addresses and
 * a clock the tests choose.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { VOTE_TOKEN_HEADER } from '../../contract/vote-api.js';
import { openVotingWarning } from '../../server/http/vote-origins.js';
import { networkOf } from '../../server/http/vote-limits.js';
import { sharedSecretWarning, VoteTokens } from '../../server/http/vote-token.js';
import { appUnderTest, type AppUnderTest } from './helpers/app.js';
import { feed, voter, type ErrorBody, type Summary } from './helpers/fixtures.js';
import { startServer, tempDir } from './helpers/server-process.js';

const BLOG = 'https://blog.example';
const EVIL = 'https://evil.example';
const open = feed('open');
const guarded = { ...feed('guarded'), votes: { endpoint: '/api/comparisons/guarded/votes', origins: [BLOG] } };
const other = feed('other');

interface Write {
  origin?: string;
  address?: string;
  token?: string | null;
  method?: 'POST' | 'DELETE';
}

/** The latest token each (app, comparison, address) was given, as a browser keeps it. */
const tokens = new WeakMap<AppUnderTest, Map<string, string>>();

async function tokenFor(t: AppUnderTest, id: string, address: string): Promise<string> {
  const known = tokens.get(t) ?? new Map<string, string>();
  tokens.set(t, known);
  const key = `${id} ${address}`;
  if (!known.has(key)) {
    const read = await t.request(`/api/comparisons/${id}/votes?voter=${voter('reader')}`, {}, address);
    known.set(key, read.headers.get(VOTE_TOKEN_HEADER) ?? '');
  }
  return known.get(key) ?? '';
}

/** A vote (or withdrawal) by `voterId`; with the client's current token unless `token` says otherwise. */
async function write(t: AppUnderTest, id: string, voterId: string, toolId = 'alpha', options: Write = {}): Promise<Response> {
  const { origin, address = '192.0.2.10', method = 'POST' } = options;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (origin) headers.origin = origin;
  const token = options.token === undefined ? await tokenFor(t, id, address) : options.token;
  if (token !== null) headers[VOTE_TOKEN_HEADER] = token;
  const path = `/api/comparisons/${id}/votes`;
  return method === 'POST'
    ? t.request(path, { method, headers, body: JSON.stringify({ toolId, voterId }) }, address)
    : t.request(`${path}?voter=${voterId}`, { method, headers }, address);
}

async function codeOf(response: Response): Promise<string> {
  return ((await response.json()) as ErrorBody).error.code;
}

async function tallies(t: AppUnderTest, id: string): Promise<Summary['tallies']> {
  const response = await t.request(`/api/comparisons/${id}/votes?voter=${voter('reader')}`);
  return ((await response.json()) as Summary).tallies;
}

describe('writes from other sites', () => {
  let t: AppUnderTest;
  before(async () => {
    t = await appUnderTest({ feeds: { 'open.json': open, 'guarded.json': guarded } });
  });
  after(() => t.close());

  it('are refused 403 forbidden-origin when the feed lists votes.origins, and change nothing', async () => {
    for (const method of ['POST', 'DELETE'] as const) {
      const refused = await write(t, 'guarded', voter('e1'), 'alpha', { origin: EVIL, method });
      assert.equal(refused.status, 403);
      assert.equal(await codeOf(refused), 'forbidden-origin');
    }
    for (const origin of ['null', `${BLOG}.evil.example`, 'http://blog.example']) {
      assert.equal((await write(t, 'guarded', voter('e2'), 'alpha', { origin })).status, 403, origin);
    }
    assert.deepEqual(await tallies(t, 'guarded'), { alpha: 0, beta: 0 });
  });

  it('are accepted from a listed site, from the server’s own pages and without Origin', async () => {
    assert.equal((await write(t, 'guarded', voter('b1'), 'alpha', { origin: BLOG })).status, 200);
    // `app.request()` addresses the app as http://localhost.
    assert.equal((await write(t, 'guarded', voter('b2'), 'alpha', { origin: 'http://localhost' })).status, 200);
    assert.equal((await write(t, 'guarded', voter('b3'), 'beta')).status, 200);
    assert.deepEqual(await tallies(t, 'guarded'), { alpha: 2, beta: 1 });
  });

  it('with PUBLIC_ORIGIN, count as the server\'s own only from there, not from whatever host a page names', async () => {
    const pinned = await appUnderTest({ feeds: { 'guarded.json': guarded }, integrity: { publicOrigins: ['https://votes.example'] } });
    try {
      // A page whose name points at this server's address (`app.request()` sends Host: localhost).
      const rebound = await write(pinned, 'guarded', voter('p1'), 'alpha', { origin: 'http://localhost' });
      assert.equal(await codeOf(rebound), 'forbidden-origin');
      assert.equal((await write(pinned, 'guarded', voter('p2'), 'alpha', { origin: 'https://votes.example' })).status, 200);
      assert.equal((await write(pinned, 'guarded', voter('p3'), 'beta', { origin: BLOG })).status, 200);
      assert.deepEqual(await tallies(pinned, 'guarded'), { alpha: 1, beta: 1 });
    } finally {
      await pinned.close();
    }
  });

  it('are accepted from anywhere when neither ALLOWED_ORIGINS nor votes.origins is set', async () => {
    assert.equal((await write(t, 'open', voter('o1'), 'alpha', { origin: EVIL })).status, 200);
  });

  it('are refused from sites outside ALLOWED_ORIGINS; a feed’s origins add to the list', async () => {
    const listed = await appUnderTest({
      feeds: { 'open.json': open, 'guarded.json': guarded },
      allowedOrigins: ['https://a.example'],
    });
    try {
      assert.equal(await codeOf(await write(listed, 'open', voter('l1'), 'alpha', { origin: EVIL })), 'forbidden-origin');
      assert.equal(await codeOf(await write(listed, 'open', voter('l2'), 'alpha', { origin: BLOG })), 'forbidden-origin');
      assert.equal((await write(listed, 'open', voter('l3'), 'alpha', { origin: 'https://a.example' })).status, 200);
      assert.equal((await write(listed, 'guarded', voter('l4'), 'alpha', { origin: 'https://a.example' })).status, 200);
      assert.equal((await write(listed, 'guarded', voter('l5'), 'alpha', { origin: BLOG })).status, 200);
      // CORS lets the comparison's own sites read the answers too, preflights included.
      const preflight = await listed.request('/api/comparisons/guarded/votes', {
        method: 'OPTIONS',
        headers: { origin: BLOG, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, vote-token' },
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), BLOG);
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /\bvote-token\b/);
      const elsewhere = await listed.request('/api/comparisons/open/votes?voter=' + voter('x'), { headers: { origin: BLOG } });
      assert.equal(elsewhere.headers.get('access-control-allow-origin'), null);
      assert.deepEqual(await tallies(listed, 'open'), { alpha: 1, beta: 0 });
    } finally {
      await listed.close();
    }
  });

  it('are named in a start-up warning when any site can vote', async () => {
    const warning = openVotingWarning(t.feeds, '*');
    assert.match(warning ?? '', /any web site can cast votes for open\b/);
    assert.doesNotMatch(warning ?? '', /guarded/);
    assert.equal(openVotingWarning(t.feeds, ['https://a.example']), undefined);

    const dir = tempDir();
    try {
      const server = await startServer({ FEEDS_DIR: 'demo/feeds', DATABASE_URL: 'sqlite::memory:' });
      assert.equal(await server.stop(), 0);
      assert.match(server.stderr(), /warning: any web site can cast votes for cursor-1-0-vs-smolvlm2-2b/);
      const quiet = await startServer({ DATABASE_URL: 'sqlite::memory:', ALLOWED_ORIGINS: BLOG });
      assert.equal(await quiet.stop(), 0);
      assert.doesNotMatch(quiet.stderr(), /warning/);
    } finally {
      dir.remove();
    }
  });
});

describe('vote tokens', () => {
  let t: AppUnderTest;
  before(async () => {
    t = await appUnderTest({ feeds: { 'open.json': open, 'other.json': other } });
  });
  after(() => t.close());

  it('a blind write gets 428 token-required, with a fresh token that then works', async () => {
    const blind = await write(t, 'open', voter('t1'), 'alpha', { token: null });
    assert.equal(blind.status, 428);
    assert.equal(await codeOf(blind), 'token-required');
    const fresh = blind.headers.get(VOTE_TOKEN_HEADER);
    assert.ok(fresh);
    assert.equal((await write(t, 'open', voter('t1'), 'alpha', { token: fresh })).status, 200);
  });

  it('comes with every answer about a comparison, kept out of shared caches', async () => {
    const read = await t.request(`/api/comparisons/open/votes?voter=${voter('t2')}`);
    assert.match(read.headers.get(VOTE_TOKEN_HEADER) ?? '', /^[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    assert.equal(read.headers.get('cache-control'), 'no-store');
    const refused = await write(t, 'open', 'bad voter', 'alpha');
    assert.equal(refused.status, 400);
    assert.ok(refused.headers.get(VOTE_TOKEN_HEADER));
    const shared = await t.request('/api/comparisons/open/votes');
    assert.ok(shared.headers.get(VOTE_TOKEN_HEADER));
    assert.match(shared.headers.get('cache-control') ?? '', /^public, .*, private="Vote-Token"$/);
    const unknown = await t.request(`/api/comparisons/nothing/votes?voter=${voter('t2')}`);
    assert.equal(unknown.headers.get(VOTE_TOKEN_HEADER), null);
  });

  it('403 token-invalid for a forged, foreign, other-network or expired token', async () => {
    const good = await tokenFor(t, 'open', '192.0.2.10');
    const [expires, mac] = good.split('.');
    const forged = [`${expires}.${'A'.repeat(22)}`, `zzzzzz.${mac}`, 'not a token', `${good}x`];
    for (const token of forged) {
      const response = await write(t, 'open', voter('t3'), 'alpha', { token });
      assert.equal(response.status, 403, token);
      assert.equal(await codeOf(response), 'token-invalid');
    }
    assert.equal((await write(t, 'other', voter('t3'), 'alpha', { token: good })).status, 403);
    assert.equal((await write(t, 'open', voter('t3'), 'alpha', { token: good, address: '198.51.100.7' })).status, 403);
    // The same /24 shares a token: a reader's address may change within their network.
    assert.equal((await write(t, 'open', voter('t3'), 'alpha', { token: good, address: '192.0.2.99' })).status, 200);
    t.advance(16 * 60_000);
    assert.equal((await write(t, 'open', voter('t4'), 'alpha', { token: good })).status, 403);
    assert.deepEqual(await tallies(t, 'open'), { alpha: 2, beta: 0 });
  });

  it('are signed with VOTE_SECRET, so servers sharing a database accept each other’s; start-up warns without it', () => {
    const [one, two] = [new VoteTokens({ secret: 's'.repeat(32) }), new VoteTokens({ secret: 's'.repeat(32) })];
    assert.equal(two.check(one.issue('open', '192.0.2.0/24'), 'open', '192.0.2.0/24'), 'ok');
    assert.equal(new VoteTokens().check(new VoteTokens().issue('open', 'n'), 'open', 'n'), 'invalid');
    assert.match(sharedSecretWarning(true, undefined, true) ?? '', /VOTE_SECRET is not set/);
    assert.equal(sharedSecretWarning(true, 's'.repeat(32), true), undefined);
    assert.equal(sharedSecretWarning(true, undefined, false), undefined);
    assert.equal(sharedSecretWarning(false, undefined, true), undefined);
  });

  it('VOTE_PROOF=off accepts writes without one', async () => {
    const off = await appUnderTest({ feeds: { 'open.json': open }, integrity: { proof: false } });
    try {
      assert.equal((await write(off, 'open', voter('t5'), 'alpha', { token: null })).status, 200);
      const read = await off.request(`/api/comparisons/open/votes?voter=${voter('t5')}`);
      assert.equal(read.headers.get(VOTE_TOKEN_HEADER), null);
    } finally {
      await off.close();
    }
  });
});

describe('write limits per comparison', () => {
  let t: AppUnderTest;
  before(async () => {
    t = await appUnderTest({
      feeds: { 'open.json': open, 'other.json': other },
      integrity: { comparisonWrites: 3, networkWrites: 5, windowMs: 60_000 },
    });
  });
  after(() => t.close());

  it('stop one address after its writes to one comparison, not its writes to others', async () => {
    for (let i = 0; i < 3; i += 1) assert.equal((await write(t, 'open', voter(`a${i}`), 'alpha', { address: '203.0.113.1' })).status, 200);
    const refused = await write(t, 'open', voter('a3'), 'alpha', { address: '203.0.113.1' });
    assert.equal(refused.status, 429);
    assert.equal(await codeOf(refused), 'rate-limited');
    // One write comes back every 60 s / 3 = 20 s.
    assert.equal(refused.headers.get('retry-after'), '20');
    assert.equal((await write(t, 'other', voter('a3'), 'alpha', { address: '203.0.113.1' })).status, 200);
  });

  it('stop a network (/24) after its writes, whichever of its addresses writes', async () => {
    assert.equal((await write(t, 'open', voter('b1'), 'alpha', { address: '203.0.113.2' })).status, 200);
    assert.equal((await write(t, 'open', voter('b2'), 'alpha', { address: '203.0.113.3' })).status, 200);
    const refused = await write(t, 'open', voter('b3'), 'alpha', { address: '203.0.113.4' });
    assert.equal(refused.status, 429);
    assert.match(((await refused.json()) as ErrorBody).error.message, /your network/);
    assert.equal((await write(t, 'open', voter('b4'), 'alpha', { address: '203.0.114.4' })).status, 200);
    assert.deepEqual(await tallies(t, 'open'), { alpha: 6, beta: 0 });
  });

  it('count every /64 of an IPv6 /48 as one network', async () => {
    const addresses = Array.from({ length: 6 }, (_, i) => `2001:db8:7:${(i + 1).toString(16)}::1`);
    const statuses = [];
    for (const [i, address] of addresses.entries()) {
      statuses.push((await write(t, 'open', voter(`v6-${i}`), 'alpha', { address })).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    assert.equal((await write(t, 'open', voter('v6-x'), 'alpha', { address: '2001:db8:8::1' })).status, 200);
  });

  it('fill up again over the window', async () => {
    assert.equal((await write(t, 'open', voter('a9'), 'alpha', { address: '203.0.113.1' })).status, 429);
    t.advance(20_000);
    assert.equal((await write(t, 'open', voter('a9'), 'alpha', { address: '203.0.113.1' })).status, 200);
  });

  it('name networks by /24 and /48', () => {
    assert.equal(networkOf('203.0.113.77'), '203.0.113.0/24');
    assert.equal(networkOf('2001:db8:7:1::/64'), '2001:db8:7::/48');
    assert.equal(networkOf('unknown'), 'unknown');
  });
});
