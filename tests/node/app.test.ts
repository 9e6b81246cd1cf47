/**
 * The app in-process through `app.request()`: storage failures, and static files from a folder
 * built for the test (so nothing depends on a build having run).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { createApp } from '../../server/app.js';
import { VOTE_INTEGRITY_DEFAULTS } from '../../server/config.js';
import type { FeedCatalog } from '../../server/feeds.js';
import { loadFeeds } from '../../server/feeds.js';
import { SqliteVoteStore } from '../../server/storage/sqlite-store.js';
import type { VoteStore } from '../../server/storage/vote-store.js';
import { feed, voter, writeFeeds, type ErrorBody } from './helpers/fixtures.js';
import { tempDir } from './helpers/server-process.js';

// Vote tokens are tested elsewhere; here a write must reach the store.
const config = {
  allowedOrigins: '*' as const,
  rateLimit: { writes: 1000, windowMs: 1000 },
  voteIntegrity: { ...VOTE_INTEGRITY_DEFAULTS, proof: false },
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; " +
  "base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

const dir = tempDir();
const site = join(dir.path, 'site');
let feeds: FeedCatalog;

before(async () => {
  mkdirSync(join(dir.path, 'feeds'));
  writeFeeds(join(dir.path, 'feeds'), { 'f.json': feed('fragile') });
  feeds = await loadFeeds(join(dir.path, 'feeds'));

  const files: Record<string, string> = {
    'demo/index.html': '<!doctype html><title>Demo</title>',
    'demo/styles/page.css': 'body{}',
    'demo/img/logo.png': 'png',
    'demo/img/mark.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'demo/feeds/launch.json': '{}',
    'demo/.env': 'SECRET=1',
    'dist/ai-compare.js': 'export {};',
    'dist/ai-compare.js.map': '{"version":3}',
    'secret.txt': 'outside the served folders',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(site, path, '..'), { recursive: true });
    writeFileSync(join(site, path), content);
  }
  symlinkSync(join(site, 'secret.txt'), join(site, 'demo', 'link.txt'));
});
after(() => dir.remove());

/** A store whose disk is gone: every call fails. */
const brokenStore: VoteStore = {
  summary: () => Promise.reject(new Error('disk I/O error')),
  vote: () => Promise.reject(new Error('disk I/O error')),
  withdraw: () => Promise.reject(new Error('disk I/O error')),
  onChange: () => () => undefined,
  close: () => Promise.resolve(),
};

describe('a failing store', () => {
  it('answers 503 unavailable to reads and writes, and logs why', async () => {
    const logged: string[] = [];
    const app = createApp({ feeds, store: brokenStore, config, staticRoot: site, log: (line) => logged.push(line) });
    const url = `http://localhost/api/comparisons/fragile/votes`;
    const responses = [
      await app.request(`${url}?voter=${voter('v')}`),
      await app.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ toolId: 'alpha', voterId: voter('v') }),
      }),
      await app.request(`${url}?voter=${voter('v')}`, { method: 'DELETE' }),
    ];
    for (const response of responses) {
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.deepEqual(((await response.json()) as ErrorBody).error.code, 'unavailable');
    }
    assert.equal(logged.length, 3);
    assert.match(logged[0], /disk I\/O error/);
  });

  it('answers a vote 503 when its shared limits cannot be read, on a socket as in-process, and logs why', async () => {
    const logged: string[] = [];
    // The database that holds the shared limits is unreachable.
    const store: VoteStore = { ...brokenStore, rateLimiter: () => ({ take: () => Promise.reject(new Error('connection refused')) }) };
    const app = createApp({ feeds, store, config, staticRoot: site, log: (line) => logged.push(line) });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    const path = '/api/comparisons/fragile/votes';
    const init = () => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ toolId: 'alpha', voterId: voter('v') }),
    });
    try {
      const onSocket = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, init());
      const inProcess = await app.request(path, init());
      for (const response of [onSocket, inProcess]) {
        assert.equal(response.status, 503);
        assert.equal(((await response.json()) as ErrorBody).error.code, 'unavailable');
      }
      assert.equal(logged.filter((line) => line.includes('vote limits unavailable: connection refused')).length, 2);
    } finally {
      server.close();
    }
  });

  it('answers 503 once the real store is closed, and the feed is still served', async () => {
    const store = new SqliteVoteStore(':memory:');
    await store.close();
    const app = createApp({ feeds, store, config, staticRoot: site, log: () => undefined });
    const response = await app.request(`/api/comparisons/fragile/votes?voter=${voter('v')}`);
    assert.equal(response.status, 503);
    assert.equal((await app.request('/api/comparisons/fragile')).status, 200);
  });
});

describe('static files', () => {
  let app: ReturnType<typeof createApp>;
  before(() => {
    app = createApp({ feeds, store: brokenStore, config, staticRoot: site });
  });

  it('serve the demo page at / under the strict policy', async () => {
    const response = await app.request('/');
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '<!doctype html><title>Demo</title>');
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('content-security-policy'), CSP);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  it('serve each kind of file with its type, nosniff on all, the policy on documents', async () => {
    const expected: [string, string, boolean][] = [
      ['/demo/index.html', 'text/html; charset=utf-8', true],
      ['/demo/styles/page.css', 'text/css; charset=utf-8', false],
      ['/demo/img/logo.png', 'image/png', false],
      ['/demo/img/mark.svg', 'image/svg+xml', true],
      ['/demo/feeds/launch.json', 'application/json; charset=utf-8', false],
      ['/dist/ai-compare.js', 'text/javascript; charset=utf-8', false],
      ['/dist/ai-compare.js.map', 'application/json; charset=utf-8', false],
    ];
    for (const [path, type, document] of expected) {
      const response = await app.request(path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), type, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(response.headers.get('content-security-policy') !== null, document, path);
      await response.arrayBuffer();
    }
  });

  it('let pages on other origins load the widget bundle (module scripts need CORS)', async () => {
    const response = await app.request('/dist/ai-compare.js', { headers: { Origin: 'https://blog.example' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    await response.arrayBuffer();
  });

  it('refuse traversal, hidden files, symlinks out and missing files with 404', async () => {
    const refused = [
      '/demo/..%2fsecret.txt',
      '/dist/%2e%2e%2fsecret.txt',
      '/demo/img/..%2f..%2fsecret.txt',
      '/demo/..%5csecret.txt',
      '/demo/.env',
      '/demo/link.txt',
      '/demo/missing.js',
      '/demo/img',
      '/demo/%E0%A4%A',
      '/secret.txt',
    ];
    for (const path of refused) {
      const response = await app.request(path);
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(await response.text(), /outside the served folders|SECRET/, path);
    }
  });
});

describe('routing', () => {
  it("keeps every route within the reach of Hono's fastest router", () => {
    // One route it cannot hold (a parameter at the root beside fixed paths, say) would quietly
    // move every request of the server onto a slower router.
    const app = createApp({ feeds, store: brokenStore, config, staticRoot: site });
    const router = new RegExpRouter<number>();
    for (const [index, route] of app.routes.entries()) router.add(route.method, route.path, index);
    const matched = router.match('GET', '/api/comparisons/fragile/votes')[0].map(([index]) => app.routes[index].path);
    assert.ok(matched.includes('/api/comparisons/:id/votes'), `matched ${matched.join(', ')}`);
  });
});

describe('the feed endpoint in-process', () => {
  it('answers HEAD like GET, without a body', async () => {
    const app = createApp({ feeds, store: brokenStore, config, staticRoot: site });
    const response = await app.request('/api/comparisons/fragile', { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('etag'), feeds.get('fragile')?.etag);
    assert.equal(await response.text(), '');
  });
});
