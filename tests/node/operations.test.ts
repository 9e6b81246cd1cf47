/**
 * What an operator relies on, in-process: health and readiness, one JSON log line per request
 * (never a voter id), compression with the right Vary and tags, a content-named bundle cached
 * for a year, and DEMO=off.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createApp, type AppOptions } from '../../server/app.js';
import { VOTE_INTEGRITY_DEFAULTS } from '../../server/config.js';
import { FeedLibrary } from '../../server/feeds.js';
import { createLogger } from '../../server/log.js';
import { SqliteVoteStore } from '../../server/storage/sqlite-store.js';
import type { VoteStore } from '../../server/storage/vote-store.js';
import { feed, voter, writeFeeds } from './helpers/fixtures.js';
import { tempDir } from './helpers/server-process.js';

const dir = tempDir();
const site = join(dir.path, 'site');
const feedsDir = join(dir.path, 'feeds');
const bundle = `customElements.define('ai-compare', class extends HTMLElement {});\n${'/* padding */\n'.repeat(200)}`;
const page = `<!doctype html><title>Demo</title>${'<p>A paragraph of the demo page.</p>\n'.repeat(60)}`;
let library: FeedLibrary;
let store: SqliteVoteStore;

before(async () => {
  mkdirSync(feedsDir);
  writeFeeds(feedsDir, { 'big.json': { ...feed('big'), summary: 'A long summary. '.repeat(60) }, 'bad.json': '{' });
  library = new FeedLibrary(feedsDir);
  await library.load();
  for (const folder of ['demo', 'dist']) mkdirSync(join(site, folder), { recursive: true });
  writeFileSync(join(site, 'demo/index.html'), page);
  writeFileSync(join(site, 'demo/editor.html'), page);
  writeFileSync(join(site, 'demo/demo.css'), 'body { margin: 0 auto }');
  writeFileSync(join(site, 'demo/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(site, 'dist/ai-compare.js'), bundle);
  // A build-time copy, told apart from on-the-fly compression by its content.
  writeFileSync(join(site, 'dist/ai-compare.js.br'), brotliCompressSync(`${bundle}// precompressed\n`));
  store = new SqliteVoteStore(':memory:');
});
after(async () => {
  await store.close();
  dir.remove();
});

function app(overrides: Partial<AppOptions> = {}, demo = true) {
  return createApp({
    feeds: library.catalog,
    store,
    config: {
      allowedOrigins: '*',
      rateLimit: { writes: 100, windowMs: 1000 },
      demo,
      voteIntegrity: { ...VOTE_INTEGRITY_DEFAULTS, proof: false },
    },
    staticRoot: site,
    feedProblems: () => library.problems(),
    ...overrides,
  });
}

describe('health', () => {
  it('/healthz answers while the process is up', async () => {
    const response = await app().request('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('/readyz is ready with a working store and feeds, and lists refused feed files', async () => {
    const response = await app().request('/readyz');
    assert.equal(response.status, 200);
    const body = (await response.json()) as { status: string; feeds: { served: number; failed: { file: string }[] } };
    assert.equal(body.status, 'ready');
    assert.equal(body.feeds.served, 1);
    assert.deepEqual(
      body.feeds.failed.map(({ file }) => file),
      [join(feedsDir, 'bad.json')],
    );
  });

  it('/readyz answers 503 with the reason when the store fails or no feed is loaded', async () => {
    const broken: VoteStore = {
      summary: () => Promise.reject(new Error('disk I/O error')),
      vote: () => Promise.reject(new Error('disk I/O error')),
      withdraw: () => Promise.reject(new Error('disk I/O error')),
      close: () => Promise.resolve(),
      onChange: () => () => undefined,
    };
    const failing = await app({ store: broken }).request('/readyz');
    assert.equal(failing.status, 503);
    assert.deepEqual(((await failing.json()) as { reasons: string[] }).reasons, [
      'the vote store is unavailable: disk I/O error',
    ]);
    const empty = await app({ feeds: new Map() }).request('/readyz');
    assert.equal(empty.status, 503);
    assert.deepEqual(((await empty.json()) as { reasons: string[] }).reasons, ['no feed is loaded']);
  });
});

describe('request logs', () => {
  it('write one JSON line per request: method, path without the query, status, ms; never a voter id', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { out: (line) => lines.push(line), err: (line) => lines.push(line) });
    const secret = voter('never-logged');
    const logged = app({ logger });
    await (await logged.request(`/api/comparisons/big/votes?voter=${secret}`)).arrayBuffer();
    await (
      await logged.request('/api/comparisons/big/votes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ toolId: 'alpha', voterId: secret }),
      })
    ).arrayBuffer();
    await (await logged.request('/nowhere')).arrayBuffer();
    assert.equal(lines.length, 3);
    assert.ok(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n')));
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      entries.map(({ level, msg, method, path, status }) => ({ level, msg, method, path, status })),
      [
        { level: 'info', msg: 'request', method: 'GET', path: '/api/comparisons/big/votes', status: 200 },
        { level: 'info', msg: 'request', method: 'POST', path: '/api/comparisons/big/votes', status: 200 },
        { level: 'info', msg: 'request', method: 'GET', path: '/nowhere', status: 404 },
      ],
    );
    assert.ok(entries.every((entry) => typeof entry.ms === 'number' && typeof entry.time === 'string'));
    assert.ok(!lines.join('').includes(secret), 'the voter id is never logged');
  });

  it('are left out below LOG_LEVEL', async () => {
    const lines: string[] = [];
    const logger = createLogger('warn', { out: (line) => lines.push(line), err: (line) => lines.push(line) });
    await (await app({ logger }).request('/healthz')).arrayBuffer();
    assert.deepEqual(lines, []);
  });
});

describe('compression', () => {
  it('sends feeds in brotli or gzip as asked, with Vary and a tag per encoding', async () => {
    const identity = await app().request('/api/comparisons/big');
    const bytes = Buffer.from(await identity.arrayBuffer());
    const etag = identity.headers.get('etag') ?? '';
    assert.equal(identity.headers.get('content-encoding'), null);
    assert.equal(identity.headers.get('vary'), 'Accept-Encoding');

    const br = await app().request('/api/comparisons/big', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('vary'), 'Accept-Encoding');
    assert.equal(br.headers.get('etag'), `${etag.slice(0, -1)}-br"`);
    assert.deepEqual(brotliDecompressSync(Buffer.from(await br.arrayBuffer())), bytes);

    const gzip = await app().request('/api/comparisons/big', { headers: { 'accept-encoding': 'gzip;q=1, br;q=0.5' } });
    assert.equal(gzip.headers.get('content-encoding'), 'gzip');
    assert.deepEqual(gunzipSync(Buffer.from(await gzip.arrayBuffer())), bytes);

    // Revalidating with the compressed copy's tag works too.
    const revalidated = await app().request('/api/comparisons/big', {
      headers: { 'accept-encoding': 'br', 'if-none-match': `${etag.slice(0, -1)}-br"` },
    });
    assert.equal(revalidated.status, 304);
  });

  it('uses the build-time brotli copy of the bundle, and compresses the demo page', async () => {
    const response = await app().request('/ai-compare.js', { headers: { 'accept-encoding': 'br' } });
    assert.equal(response.headers.get('content-encoding'), 'br');
    assert.match(brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString(), /\/\/ precompressed\n$/);
    const html = await app().request('/', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(html.headers.get('content-encoding'), 'gzip');
    assert.equal(html.headers.get('vary'), 'Accept-Encoding');
    assert.equal(gunzipSync(Buffer.from(await html.arrayBuffer())).toString(), page);
  });
});

describe('the bundle URLs', () => {
  it('/ai-compare.js is cached briefly and names its content-hashed URL, which is cached for a year', async () => {
    const stable = await app().request('/ai-compare.js');
    assert.equal(stable.status, 200);
    assert.equal(stable.headers.get('cache-control'), 'public, max-age=300');
    assert.equal(stable.headers.get('access-control-allow-origin'), '*');
    const hashed = /^<(\/ai-compare\.[0-9a-f]{16}\.js)>; rel="canonical"$/.exec(stable.headers.get('link') ?? '')?.[1];
    assert.ok(hashed, stable.headers.get('link') ?? 'no Link header');
    const forever = await app().request(hashed);
    assert.equal(forever.status, 200);
    assert.equal(forever.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(forever.headers.get('access-control-allow-origin'), '*');
    assert.equal(await forever.text(), bundle);
  });

  it('sends an outdated content-hashed URL to the current bundle, uncached', async () => {
    const old = await app().request('/ai-compare.0000000000000000.js');
    assert.equal(old.status, 302);
    assert.match(old.headers.get('location') ?? '', /^\/ai-compare\.[0-9a-f]{16}\.js$/);
    assert.equal(old.headers.get('cache-control'), 'no-store');
  });
});

describe('DEMO=off', () => {
  it('serves the API, the bundle, health and the comparison pages with their stylesheet, not the demo', async () => {
    const apiOnly = app({}, false);
    for (const path of ['/', '/demo/index.html', '/demo/editor.html']) assert.equal((await apiOnly.request(path)).status, 404, path);
    const page = await (await apiOnly.request('/comparisons/big')).text();
    const assets = [...page.matchAll(/<(?:link|script)\b[^>]*\b(?:href|src)="(\/[^"]+)"/g)].map(([, path]) => path);
    assert.deepEqual(assets.sort(), ['/demo/demo.css', '/demo/favicon.svg', '/dist/ai-compare.js']);
    for (const path of ['/ai-compare.js', '/dist/ai-compare.js', '/api/comparisons/big', '/healthz', '/favicon.ico', ...assets]) {
      const response = await apiOnly.request(path);
      assert.equal(response.status, 200, path);
      await response.arrayBuffer();
    }
  });
});
