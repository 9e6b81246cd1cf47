/**
 * On a socket the busiest answers skip the Fetch API's header objects (server/http/node-answer.ts).
 * The answers must not change for it: the real server and the same app in-process
 * (`app.request()`, Hono's usual path) give every request the same status, headers and body.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { appUnderTest, type AppUnderTest } from './helpers/app.js';
import { feed, voter, writeFeeds } from './helpers/fixtures.js';
import { startServer, tempDir, type RunningServer } from './helpers/server-process.js';

const ID = 'alpha-vs-beta';
const VOTES = `/api/comparisons/${ID}/votes`;
const BLOG = 'https://blog.example';

/** Headers that differ by transport or by moment, not by what the app answered. */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
/** Headers whose value is made per process (a secret signs it): present on both is enough. */
const PER_PROCESS = new Set(['vote-token']);

interface Seen {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** `decode`: the body as sent is still compressed (fetch() over a socket decodes it itself). */
async function seen(response: Response, decode: boolean): Promise<Seen> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!TRANSPORT.has(name)) headers[name] = PER_PROCESS.has(name) ? '(present)' : value;
  });
  let bytes: Uint8Array = new Uint8Array(await response.arrayBuffer());
  const encoding = response.headers.get('content-encoding');
  if (decode && encoding === 'br') bytes = brotliDecompressSync(bytes);
  if (decode && encoding === 'gzip') bytes = gunzipSync(bytes);
  // A digest keeps a failure's message readable.
  return { status: response.status, headers, body: `${bytes.byteLength} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}` };
}

type Request = [label: string, path: string, init?: RequestInit];

/** One of the scripts the bundle loads on demand from beside it (a build made them). */
function besideBundle(): string {
  const name = readdirSync(new URL('../../dist/', import.meta.url)).find((file) => /^ai-compare-[\w-]+\.js$/.test(file));
  assert.ok(name, 'npm run build made the chunks beside dist/ai-compare.js');
  return name;
}

function requests(etags: { tallies: string; bundle: string }): Request[] {
  const json = { 'content-type': 'application/json' };
  return [
    ['public tallies', VOTES],
    ['public tallies, revalidated', VOTES, { headers: { 'if-none-match': etags.tallies } }],
    ['public tallies from a blog', VOTES, { headers: { origin: BLOG } }],
    ['personal read', VOTES, { headers: { 'voter-id': voter('n1') } }],
    ['personal read, bad voter', `${VOTES}?voter=no`],
    ['feed', `/api/comparisons/${ID}`],
    ['unknown comparison', '/api/comparisons/nope/votes'],
    ['unknown API route', '/api/nothing-here'],
    ['preflight', VOTES, { method: 'OPTIONS', headers: { origin: BLOG, 'access-control-request-method': 'POST' } }],
    ['bad vote body', VOTES, { method: 'POST', headers: { ...json, origin: BLOG }, body: '{' }],
    ['vote without a token', VOTES, { method: 'POST', headers: { ...json, origin: BLOG }, body: JSON.stringify({ toolId: 'alpha', voterId: voter('n2') }) }],
    ['vote body over 4 KiB', VOTES, { method: 'POST', headers: json, body: JSON.stringify({ toolId: 'alpha', voterId: 'x'.repeat(5000) }) }],
    ['bundle, brotli', '/dist/ai-compare.js', { headers: { 'accept-encoding': 'br, gzip' } }],
    ['bundle, revalidated', '/dist/ai-compare.js', { headers: { 'accept-encoding': 'br, gzip', 'if-none-match': etags.bundle } }],
    ['bundle, uncompressed', '/dist/ai-compare.js', { headers: { 'accept-encoding': 'identity' } }],
    ['favicon', '/favicon.ico'],
    ['public tallies, HEAD', VOTES, { method: 'HEAD' }],
    ['a script beside the bundle', `/${besideBundle()}`, { headers: { origin: BLOG, 'accept-encoding': 'br, gzip' } }],
    ['an unknown script', '/nope.js'],
    ['an unknown page', '/nope'],
  ];
}

for (const allowed of ['*', BLOG]) {
  describe(`answers on a socket and in-process are the same (ALLOWED_ORIGINS=${allowed})`, () => {
    let server: RunningServer;
    let app: AppUnderTest;
    const feeds = { 'a.json': feed(ID) };
    before(async () => {
      const dir = tempDir();
      writeFeeds(dir.path, feeds);
      server = await startServer({ FEEDS_DIR: dir.path, ALLOWED_ORIGINS: allowed });
      app = await appUnderTest({ feeds, allowedOrigins: allowed === '*' ? '*' : [allowed] });
    });
    after(async () => {
      await server?.stop();
      await app?.close();
    });

    it('for reads, revalidations, refusals, preflights and static files', async () => {
      const tallies = (await fetch(server.url + VOTES)).headers.get('etag') ?? '';
      const bundle = (await fetch(`${server.url}/dist/ai-compare.js`, { headers: { 'accept-encoding': 'br, gzip' } })).headers.get('etag') ?? '';
      assert.ok(tallies && bundle, 'both answers have an ETag');
      for (const [label, path, init] of requests({ tallies, bundle })) {
        const onSocket = await seen(await fetch(server.url + path, init), false);
        const inProcess = await seen(await app.request(path, init), true);
        assert.deepEqual(onSocket, inProcess, label);
        assert.equal(onSocket.headers['x-content-type-options'], 'nosniff', `${label}: nosniff`);
      }
    });

    it('for a vote body sent in chunks, without a length, that grows past the limit', async () => {
      const chunked = () => {
        const chunk = new TextEncoder().encode(' '.repeat(1024));
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ < 8) controller.enqueue(chunk);
            else controller.close();
          },
        });
        return { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit;
      };
      const onSocket = await seen(await fetch(server.url + VOTES, chunked()), false);
      const inProcess = await seen(await app.request(VOTES, chunked()), true);
      assert.deepEqual(onSocket, inProcess);
      assert.equal(onSocket.status, 413);
      // The server is still answering, on a fresh connection as on a kept one.
      assert.equal((await fetch(server.url + VOTES)).status, 200);
    });
  });
}
