/** The per-client token bucket and how clients are told apart. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalize } from '../../server/http/client-ip.js';
import { MemoryRateLimiter } from '../../server/http/rate-limit.js';

function limiter(options: { capacity: number; windowMs: number; maxClients?: number }) {
  let now = 1_000_000;
  const rateLimiter = new MemoryRateLimiter({ ...options, now: () => now });
  return { rateLimiter, advance: (ms: number) => (now += ms) };
}

describe('MemoryRateLimiter', () => {
  it('allows a burst of `capacity` writes, then asks to wait', () => {
    const { rateLimiter } = limiter({ capacity: 3, windowMs: 3000 });
    for (let i = 0; i < 3; i++) assert.deepEqual(rateLimiter.takeNow('a'), { allowed: true });
    assert.deepEqual(rateLimiter.takeNow('a'), { allowed: false, retryAfterSeconds: 1 });
  });

  it('refills evenly over the window, never past capacity', () => {
    const { rateLimiter, advance } = limiter({ capacity: 2, windowMs: 20_000 });
    rateLimiter.takeNow('a');
    rateLimiter.takeNow('a');
    assert.deepEqual(rateLimiter.takeNow('a'), { allowed: false, retryAfterSeconds: 10 });
    advance(4_000);
    assert.deepEqual(rateLimiter.takeNow('a'), { allowed: false, retryAfterSeconds: 6 });
    advance(6_000);
    assert.deepEqual(rateLimiter.takeNow('a'), { allowed: true });
    advance(1_000_000);
    assert.equal(rateLimiter.takeNow('a').allowed, true);
    assert.equal(rateLimiter.takeNow('a').allowed, true);
    assert.equal(rateLimiter.takeNow('a').allowed, false);
  });

  it('keeps one bucket per client', () => {
    const { rateLimiter } = limiter({ capacity: 1, windowMs: 1000 });
    assert.equal(rateLimiter.takeNow('a').allowed, true);
    assert.equal(rateLimiter.takeNow('a').allowed, false);
    assert.equal(rateLimiter.takeNow('b').allowed, true);
  });

  it('forgets the least recently seen client past maxClients', () => {
    const { rateLimiter } = limiter({ capacity: 1, windowMs: 60_000, maxClients: 2 });
    rateLimiter.takeNow('a');
    rateLimiter.takeNow('b');
    rateLimiter.takeNow('a');
    rateLimiter.takeNow('c'); // evicts b, the least recently seen
    assert.equal(rateLimiter.takeNow('a').allowed, false);
    assert.equal(rateLimiter.takeNow('b').allowed, true);
  });
});

describe('client addresses', () => {
  it('count IPv4-mapped IPv6 as IPv4', () => {
    assert.equal(normalize('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(normalize('203.0.113.7'), '203.0.113.7');
  });

  it('group IPv6 by /64, the block one client controls', () => {
    assert.equal(normalize('2001:db8:0:1::1'), '2001:db8:0:1::/64');
    assert.equal(normalize('2001:0db8:0000:0001:ffff:1:2:3'), '2001:db8:0:1::/64');
    assert.equal(normalize('::1'), '0:0:0:0::/64');
    assert.equal(normalize('2001:DB8::'), '2001:db8:0:0::/64');
  });
});
