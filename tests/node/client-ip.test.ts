/**
 * TRUST_PROXY: forwarded client addresses are believed only from trusted proxies; anyone else's
 * X-Forwarded-For or Forwarded header is ignored, so it cannot dodge or drain another reader's
 * rate limit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from '../../server/app.js';
import { ConfigError, parseTrustProxy, VOTE_INTEGRITY_DEFAULTS, type ProxyHeader, type TrustProxy } from '../../server/config.js';
import type { FeedCatalog } from '../../server/feeds.js';
import { clientResolver, normalize } from '../../server/http/client-ip.js';
import { SqliteVoteStore } from '../../server/storage/sqlite-store.js';
import { voter } from './helpers/fixtures.js';
import { parseFeed } from '../../contract/feed-schema.js';
import { feed } from './helpers/fixtures.js';

const resolve = (trust: string | undefined, peer: string, value?: string, header: ProxyHeader = 'x-forwarded-for') =>
  clientResolver(parseTrustProxy(trust), header)(peer, value);

describe('TRUST_PROXY settings', () => {
  it('is off by default and reads hop counts, addresses, CIDR ranges and named ranges', () => {
    assert.deepEqual(parseTrustProxy(undefined), { kind: 'off' });
    assert.deepEqual(parseTrustProxy('off'), { kind: 'off' });
    assert.deepEqual(parseTrustProxy('0'), { kind: 'off' });
    assert.deepEqual(parseTrustProxy('2'), { kind: 'hops', hops: 2 });
    assert.deepEqual(parseTrustProxy('10.0.0.1, 192.168.0.0/16, ::1'), {
      kind: 'addresses',
      ranges: ['10.0.0.1/32', '192.168.0.0/16', '::1/128'],
    });
    assert.deepEqual((parseTrustProxy('loopback') as Extract<TrustProxy, { kind: 'addresses' }>).ranges, [
      '127.0.0.0/8',
      '::1/128',
    ]);
    for (const bad of ['10.0.0.300', '10.0.0.0/33', 'proxy.example', '10.0.0.0/8/1', '99', ',']) {
      assert.throws(() => parseTrustProxy(bad), ConfigError, bad);
    }
  });
});

describe('the client address', () => {
  it('is the peer when TRUST_PROXY is off, whatever the headers say', () => {
    assert.equal(resolve(undefined, '203.0.113.9', '198.51.100.1'), '203.0.113.9');
    assert.equal(resolve('off', '::ffff:203.0.113.9', '198.51.100.1'), '203.0.113.9');
  });

  it('comes from X-Forwarded-For when the peer is a trusted proxy', () => {
    assert.equal(resolve('10.0.0.0/8', '10.0.0.2', '198.51.100.7'), '198.51.100.7');
    // Two trusted proxies in a row: the first untrusted address from the right is the client.
    assert.equal(resolve('10.0.0.0/8', '10.0.0.2', '198.51.100.7, 10.0.0.5'), '198.51.100.7');
    assert.equal(resolve('loopback', '::1', '2001:db8::1'), '2001:db8::1');
  });

  it('ignores forwarded headers from a peer that is not trusted (spoofing)', () => {
    assert.equal(resolve('10.0.0.0/8', '203.0.113.9', '10.0.0.7'), '203.0.113.9');
    assert.equal(resolve('10.0.0.0/8', '203.0.113.9', '198.51.100.1, 198.51.100.2'), '203.0.113.9');
  });

  it('ignores addresses a client wrote itself in front of what the proxy appended (spoofing)', () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    assert.equal(resolve('10.0.0.0/8', '10.0.0.2', '1.2.3.4, 198.51.100.7'), '198.51.100.7');
    assert.equal(resolve('1', '10.0.0.2', '1.2.3.4, 198.51.100.7'), '198.51.100.7');
    // Even a spoofed trusted address cannot walk the chain past the real client.
    assert.equal(resolve('10.0.0.0/8', '10.0.0.2', '1.2.3.4, 10.9.9.9, 198.51.100.7'), '198.51.100.7');
  });

  it('with a hop count, takes the address that many proxies in, and the peer when the chain is short', () => {
    assert.equal(resolve('2', '10.0.0.2', '198.51.100.7, 10.0.0.5'), '198.51.100.7');
    assert.equal(resolve('2', '10.0.0.2', '198.51.100.7'), '10.0.0.2');
    assert.equal(resolve('1', '10.0.0.2', undefined), '10.0.0.2');
  });

  it('falls back to the proxy itself when a trusted proxy sent garbage', () => {
    assert.equal(resolve('10.0.0.0/8', '10.0.0.2', 'not-an-address'), '10.0.0.2');
    assert.equal(resolve('1', '10.0.0.2', 'unknown'), '10.0.0.2');
  });

  it('reads the standard Forwarded header when told to, with quotes, brackets and ports', () => {
    const forwarded = 'for=192.0.2.60;proto=https;by=10.0.0.2, for="[2001:db8:cafe::17]:4711"';
    assert.equal(resolve('10.0.0.0/8', '10.0.0.2', forwarded, 'forwarded'), '2001:db8:cafe::17');
    assert.equal(resolve('10.0.0.0/8', '10.0.0.2', 'for=192.0.2.60:8080', 'forwarded'), '192.0.2.60');
    assert.equal(resolve('10.0.0.0/8', '10.0.0.2', 'for=_hidden', 'forwarded'), '10.0.0.2');
    assert.equal(resolve('10.0.0.0/8', '203.0.113.9', 'for=192.0.2.60', 'forwarded'), '203.0.113.9');
  });

  it('keys IPv6 clients by their /64', () => {
    assert.equal(normalize('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(normalize('::ffff:192.0.2.1'), '192.0.2.1');
  });
});

describe('rate limits behind a proxy', () => {
  const parsed = parseFeed(feed('proxied'), 'http://localhost/api/comparisons/');
  assert.ok(parsed.ok);
  const catalog: FeedCatalog = new Map([
    ['proxied', { feed: parsed.feed, bytes: new Uint8Array(), etag: '"x"', toolIds: ['alpha', 'beta'], file: 'proxied.json' }],
  ]);

  function appWith(trustProxy: TrustProxy) {
    const store = new SqliteVoteStore(':memory:');
    const app = createApp({
      feeds: catalog,
      store,
      // Only the per-address burst is under test here.
      config: {
        allowedOrigins: '*',
        rateLimit: { writes: 2, windowMs: 60_000 },
        trustProxy,
        voteIntegrity: { ...VOTE_INTEGRITY_DEFAULTS, proof: false },
      },
      staticRoot: '/nonexistent',
    });
    /** A vote arriving from `peer` with `forwardedFor`. */
    const vote = async (peer: string, forwardedFor: string | undefined, label: string) => {
      const response = await app.request(
        '/api/comparisons/proxied/votes',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
          body: JSON.stringify({ toolId: 'alpha', voterId: voter(label) }),
        },
        { incoming: { socket: { remoteAddress: peer } } },
      );
      await response.arrayBuffer();
      return response.status;
    };
    return { vote, close: () => store.close() };
  }

  it('gives each reader behind a trusted proxy an allowance of their own', async () => {
    const { vote, close } = appWith(parseTrustProxy('10.0.0.0/8'));
    const statuses = [];
    for (let reader = 1; reader <= 5; reader++) statuses.push(await vote('10.0.0.2', `198.51.100.${reader}`, `r${reader}`));
    assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
    assert.equal(await vote('10.0.0.2', '198.51.100.1', 'r1-again'), 200);
    assert.equal(await vote('10.0.0.2', '198.51.100.1', 'r1-third'), 429);
    await close();
  });

  it('does not let a direct client dodge its limit by writing X-Forwarded-For', async () => {
    const { vote, close } = appWith(parseTrustProxy('10.0.0.0/8'));
    const statuses = [];
    for (let attempt = 1; attempt <= 3; attempt++) statuses.push(await vote('203.0.113.9', `198.51.100.${attempt}`, `s${attempt}`));
    assert.deepEqual(statuses, [200, 200, 429]);
    await close();
  });

  it('with TRUST_PROXY off, every reader behind a proxy shares its allowance', async () => {
    const { vote, close } = appWith({ kind: 'off' });
    const statuses = [];
    for (let reader = 1; reader <= 3; reader++) statuses.push(await vote('10.0.0.2', `198.51.100.${reader}`, `o${reader}`));
    assert.deepEqual(statuses, [200, 200, 429]);
    await close();
  });
});
