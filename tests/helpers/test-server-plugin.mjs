// Test-only routes on the test runner's own server, for the network behaviour of feeds
// (HTTP errors, slow and oversized answers), plus commands that start a real vote server.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { spawnServer } from '../../scripts/spawn-server.mjs';
import { follow, openOtherReader, pressVote, readResults } from './other-reader.mjs';

const MiB = 1024 * 1024;

const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; object-src 'none'";

// Runs first (an external classic script) so it hears every violation of the page.
const CSP_LISTENER = `
window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push(event.violatedDirective + ' ' + (event.blockedURI || '') + ' ' + (event.sample || ''));
});
`;

const CSP_FEED = JSON.stringify({
  schemaVersion: 1,
  id: 'csp-check',
  title: 'Under a strict policy',
  tools: [
    { id: 'one', name: 'One', pricing: { entry: 'Free' } },
    { id: 'two', name: 'Two' },
  ],
  reviewers: [{ id: 'r', name: 'Reviewer', verdicts: { one: { verdict: 'ship' }, two: { verdict: 'skip' } } }],
  community: { one: 3, two: 1 },
});

const CSP_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<script src="/test-feed/csp-listen.js"></script>
<script type="module" src="/dist/ai-compare.js"></script>
</head>
<body>
<script>window.inlineScriptRan = true;</script>
<ai-compare><script type="application/json">${CSP_FEED}</script></ai-compare>
</body>
</html>`;

/** Endless answers by id: whether the client hung up before the end (it cancelled the body). */
const endlessAnswers = new Map();

/**
 * An answer that never finishes (a chunk every 50 ms for 20 s): `404` and `500` with an error
 * body, `too-large` declaring 10 MiB, `ok` a 200 JSON body for timeouts.
 */
function endlessAnswer(ctx, kind, id) {
  const record = { closedEarly: false };
  endlessAnswers.set(id, record);
  ctx.status = kind === '404' || kind === '500' ? Number(kind) : 200;
  ctx.type = kind === '404' || kind === '500' ? 'text/html' : 'application/json';
  if (kind === 'too-large') ctx.length = 10 * MiB;
  ctx.res.on('close', () => {
    record.closedEarly = !ctx.res.writableFinished;
  });
  ctx.body = Readable.from((async function* () {
    for (let i = 0; i < 400; i++) {
      yield i === 0 && ctx.status === 200 ? '{"padding":"' : 'z'.repeat(1024);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })());
  return true;
}

/** Trusted Types enforced the way careful hosts do; `?strict` leaves out 'allow-duplicates'. */
function trustedTypesPage(ctx, url) {
  const policies = url.searchParams.has('strict') ? 'lit-html' : "lit-html 'allow-duplicates'";
  ctx.set('Content-Security-Policy', `require-trusted-types-for 'script'; trusted-types ${policies}`);
  ctx.type = 'text/html';
  // The bundle twice, as two copies (a second URL is a second module): both create the policy.
  ctx.body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<script src="/test-feed/csp-listen.js"></script>
<script src="/test-feed/error-listen.js"></script>
<script type="module" src="/dist/ai-compare.js"></script>
<script type="module" src="/dist/ai-compare.js?copy=2"></script>
</head>
<body>
<ai-compare><script type="application/json">${CSP_FEED}</script></ai-compare>
</body>
</html>`;
  return true;
}

const ERROR_LISTENER = `
window.pageErrors = [];
window.addEventListener('error', (event) => window.pageErrors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => window.pageErrors.push(String(event.reason)));
`;

function feedRoutes(ctx) {
  const url = new URL(ctx.url, 'http://test');
  const route = url.pathname.slice('/test-feed/'.length);
  if (route.startsWith('endless/')) {
    const [, kind, id] = route.split('/');
    return endlessAnswer(ctx, kind, id);
  }
  if (route.startsWith('hung-up/')) {
    ctx.body = { closedEarly: endlessAnswers.get(route.slice('hung-up/'.length))?.closedEarly ?? null };
    return true;
  }
  if (route === 'trusted-types.html') return trustedTypesPage(ctx, url);
  if (route === 'error-listen.js') {
    ctx.type = 'text/javascript';
    ctx.body = ERROR_LISTENER;
    return true;
  }
  if (route.startsWith('status/')) {
    ctx.status = Number(route.slice('status/'.length));
    ctx.body = { error: 'test status' };
    return true;
  }
  if (route === 'slow') {
    // Answers only after the widget's (short, test-set) timeout has passed.
    return new Promise((resolve) => setTimeout(() => {
      ctx.body = { late: true };
      resolve(true);
    }, 2000));
  }
  if (route === 'huge') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ padding: 'x'.repeat(MiB) });
    return true;
  }
  if (route === 'huge-chunked') {
    // No Content-Length: the widget must stop reading once past the limit.
    ctx.type = 'application/json';
    ctx.body = Readable.from((function* () {
      yield '{"padding":"';
      for (let i = 0; i < 16; i++) yield 'y'.repeat(64 * 1024);
      yield '"}';
    })());
    return true;
  }
  if (route === 'csp-page.html') {
    // The built widget on a page with a strict Content-Security-Policy, as careful publishers run.
    ctx.set('Content-Security-Policy', STRICT_CSP);
    ctx.type = 'text/html';
    ctx.body = CSP_PAGE;
    return true;
  }
  if (route === 'csp-listen.js') {
    ctx.type = 'text/javascript';
    ctx.body = CSP_LISTENER;
    return true;
  }
  if (route === 'not-json') {
    ctx.type = 'application/json';
    ctx.body = '<html>oops</html>';
    return true;
  }
  return false;
}

/** The demo feeds plus the test fixtures' feeds, in one folder for FEEDS_DIR. */
function feedsFolder(dir) {
  const feeds = join(dir, 'feeds');
  mkdirSync(feeds);
  for (const source of ['demo/feeds', 'tests/fixtures/feeds']) {
    for (const name of readdirSync(source).filter((file) => file.endsWith('.json'))) {
      copyFileSync(join(source, name), join(feeds, name));
    }
  }
  return feeds;
}

/** A real vote server process with the demo and fixture feeds. */
function startVoteServer(env = {}) {
  return spawnServer({ env, feedsDir: feedsFolder });
}

/** Koa middleware for the test runner's server (it must run before the static file server). */
export async function testFeedMiddleware(ctx, next) {
  if (ctx.path.startsWith('/test-feed/') && (await feedRoutes(ctx))) return;
  // A page that sets one of these cookies cannot load that chunk (as when it is blocked or offline).
  // The runner lets browsers cache files for a year; varying on Cookie keeps a copy cached by an
  // earlier page from standing in for the request of a page with the cookie.
  const blockedBy = { '/src/votes/vote-controller.ts': 'block-vote-chunk', '/src/feed/explain-feed.ts': 'block-explain-chunk' }[ctx.path];
  if (blockedBy) {
    if (ctx.cookies.get(blockedBy)) {
      ctx.status = 503;
      ctx.body = 'unavailable';
    } else {
      await next();
    }
    // Both answers: the refusal must not stand in for the file on later pages either.
    ctx.vary('Cookie');
    return;
  }
  await next();
}

/** The markup inside `<main>` of a server's prerendered comparison page. */
async function prerenderedMarkup({ server, id, query = '' }) {
  const page = await (await fetch(`${server}/comparisons/${id}${query}`)).text();
  return page.slice(page.indexOf('<main>') + '<main>'.length, page.indexOf('</main>'));
}

export function testServerPlugin() {
  // Keyed by test session: the browsers run side by side and each stops only its own servers.
  const servers = new Map();
  const ofSession = (id) => {
    if (!servers.has(id)) servers.set(id, new Set());
    return servers.get(id);
  };
  // One other reader per test session at a time, closed by the test (or when the run ends).
  const otherReaders = new Map();
  const closeOtherReader = async (id) => {
    const reader = otherReaders.get(id);
    otherReaders.delete(id);
    await reader?.close();
  };
  const OTHER_READER_ACTIONS = { results: readResults, follow, vote: pressVote };
  return {
    name: 'ai-compare-test-server',
    async executeCommand({ command, payload, session }) {
      if (command === 'start-vote-server') {
        const server = await startVoteServer(payload?.env);
        ofSession(session.id).add(server);
        return server.url;
      }
      if (command === 'prerendered-markup') return prerenderedMarkup(payload);
      if (command === 'open-other-reader') {
        await closeOtherReader(session.id);
        otherReaders.set(session.id, await openOtherReader(session.browser, payload.url));
        return true;
      }
      if (command === 'other-reader') {
        const reader = otherReaders.get(session.id);
        if (!reader) throw new Error('no other reader is open');
        // Wrapped: a command answering null or undefined counts as not handled.
        return { value: await reader.run(OTHER_READER_ACTIONS[payload.action], payload.argument ?? null) };
      }
      if (command === 'close-other-reader') {
        await closeOtherReader(session.id);
        return true;
      }
      if (command === 'stop-vote-servers') {
        await stopAll(ofSession(session.id));
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...otherReaders.keys()].map(closeOtherReader));
      await Promise.all([...servers.values()].map(stopAll));
    },
  };
}

async function stopAll(servers) {
  const stopping = [...servers];
  servers.clear();
  await Promise.all(stopping.map((server) => server.stop()));
}
