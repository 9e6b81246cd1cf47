/** Live results: Server-Sent Events of a comparison's public tallies, throttled and capped. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appUnderTest, type AppUnderTest } from './helpers/app.js';
import { feed } from './helpers/fixtures.js';

const ID = 'alpha-vs-beta';
const VOTES = `/api/comparisons/${ID}/votes`;
const LIVE = `${VOTES}/live`;

interface Tallies {
  comparisonId: string;
  tallies: Record<string, number>;
  total: number;
}

/** Reads `tallies` events off an open stream as they come. */
function events(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(timeoutMs = 5000): Promise<Tallies> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.startsWith('event: tallies\n')) continue;
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          return JSON.parse((data ?? '').slice('data: '.length)) as Tallies;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no event in time');
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no event in time')), left))),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error('the stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe('live results', () => {
  let app: AppUnderTest;
  before(async () => {
    app = await appUnderTest({
      feeds: { 'a.json': feed(ID) },
      integrity: { proof: false, comparisonWrites: 1_000_000, networkWrites: 1_000_000 },
      live: { maxStreams: 4, maxStreamsPerClient: 2 },
    });
  });
  after(() => app.close());

  const vote = (label: string, toolId: string) =>
    app.request(VOTES, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ toolId, voterId: `live-voter-${label.padStart(8, '0')}` }),
    });

  it('send the tallies at once, then each change within about a second, a burst as one event', async () => {
    const response = await app.request(LIVE, {}, '192.0.2.1');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const stream = events(response);
    try {
      assert.deepEqual(await stream.next(), { comparisonId: ID, tallies: { alpha: 0, beta: 0 }, total: 0 });

      const started = performance.now();
      assert.equal((await vote('a', 'alpha')).status, 200);
      assert.deepEqual((await stream.next()).tallies, { alpha: 1, beta: 0 });
      assert.ok(performance.now() - started < 1500, 'within about a second');

      // Twenty votes at once: the stream is throttled to about one event a second.
      const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => vote(`burst-${i}`, i % 2 ? 'alpha' : 'beta')));
      assert.deepEqual(new Set(burst.map((answer) => answer.status)), new Set([200]));
      let latest = await stream.next(2500);
      if (latest.total !== 21) latest = await stream.next(2500);
      assert.deepEqual(latest, { comparisonId: ID, tallies: { alpha: 11, beta: 10 }, total: 21 });
    } finally {
      await stream.cancel();
    }
  });

  it('cap the streams of one address and of the server, and free a place when a reader leaves', async () => {
    const first = await app.request(LIVE, {}, '192.0.2.2');
    const second = await app.request(LIVE, {}, '192.0.2.2');
    const refused = await app.request(LIVE, {}, '192.0.2.2');
    assert.deepEqual([first.status, second.status, refused.status], [200, 200, 429]);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'rate-limited');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);

    const third = await app.request(LIVE, {}, '192.0.2.3');
    const fourth = await app.request(LIVE, {}, '192.0.2.4');
    const full = await app.request(LIVE, {}, '192.0.2.5');
    assert.deepEqual([third.status, fourth.status, full.status], [200, 200, 503]);
    await full.arrayBuffer();

    await first.body?.cancel();
    const again = await app.request(LIVE, {}, '192.0.2.2');
    assert.equal(again.status, 200, 'a closed stream frees its place');
    for (const response of [second, third, fourth, again]) await response.body?.cancel();
  });

  it('answer HEAD with the stream\'s headers alone, holding no place', async () => {
    // More HEADs than the server has places.
    for (const address of ['192.0.2.6', '192.0.2.7', '192.0.2.8', '192.0.2.9', '192.0.2.6']) {
      const head = await app.request(LIVE, { method: 'HEAD' }, address);
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.equal(head.body, null);
    }
    const streams = await Promise.all(['192.0.2.6', '192.0.2.6', '192.0.2.7', '192.0.2.8'].map((address) => app.request(LIVE, {}, address)));
    assert.deepEqual(
      streams.map((response) => response.status),
      [200, 200, 200, 200],
      'every place is still free',
    );
    for (const response of streams) await response.body?.cancel();
  });

  it('answer 404 for an unknown comparison', async () => {
    const response = await app.request('/api/comparisons/nope/votes/live');
    assert.equal(response.status, 404);
    await response.arrayBuffer();
  });
});
