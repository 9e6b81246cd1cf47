/**
 * Feeds go live: adding, changing or removing a file in the watched folder takes effect without
 * a restart; a bad version is reported and the last good one kept; other feeds are never
 * touched; votes for a removed comparison are kept for when it comes back.
 */
import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../../server/app.js';
import { VOTE_INTEGRITY_DEFAULTS } from '../../server/config.js';
import { FeedLibrary, type FeedProblem } from '../../server/feeds.js';
import { createLogger } from '../../server/log.js';
import { SqliteVoteStore } from '../../server/storage/sqlite-store.js';
import { feed, voter, writeFeeds, type Summary } from './helpers/fixtures.js';
import { tempDir } from './helpers/server-process.js';

const root = tempDir();
after(() => root.remove());

let feeds: string;
let library: FeedLibrary;
let stopWatching: () => void;
let warnings: string[];
let counter = 0;

beforeEach(async () => {
  feeds = join(root.path, `feeds-${counter++}`);
  mkdirSync(feeds);
  writeFeeds(feeds, { 'one.json': feed('one'), 'two.json': feed('two', ['x', 'y']) });
  warnings = [];
  const logger = createLogger('warn', { out: () => undefined, err: (line) => warnings.push(line) });
  library = new FeedLibrary(feeds, { cwd: root.path, logger });
  await library.load();
  // A slow timer, so these tests show the folder watch at work, not the rescan.
  stopWatching = library.watch({ debounceMs: 50, rescanMs: 60_000 });
});
afterEach(() => stopWatching());

/** Waits until `check` holds (the watch is asynchronous); fails after a generous while. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(20);
  }
}

const titleOf = (id: string) => library.catalog.get(id)?.feed.title;

/** Replaces a file in one step, as editors and deploy tools do. */
function replace(name: string, content: unknown): void {
  const temporary = join(feeds, `.${name}.tmp`);
  writeFileSync(temporary, typeof content === 'string' ? content : JSON.stringify(content));
  renameSync(temporary, join(feeds, name));
}

describe('a watched feeds folder', () => {
  it('serves a new file without a restart', async () => {
    writeFeeds(feeds, { 'three.json': feed('three') });
    await eventually(() => library.catalog.has('three'), 'the new feed is served');
    assert.deepEqual([...library.catalog.keys()].sort(), ['one', 'three', 'two']);
  });

  it('serves a changed file, with a new ETag', async () => {
    const before = library.catalog.get('one')?.etag;
    replace('one.json', { ...feed('one'), title: 'One, revised' });
    await eventually(() => titleOf('one') === 'One, revised', 'the change is served');
    assert.notEqual(library.catalog.get('one')?.etag, before);
  });

  it('stops serving a removed file', async () => {
    rmSync(join(feeds, 'two.json'));
    await eventually(() => !library.catalog.has('two'), 'the feed is gone');
    assert.ok(library.catalog.has('one'));
  });

  it('keeps the last good version when a file turns bad, reports it, and serves the fix', async () => {
    const broken: Record<string, unknown> = { ...feed('one'), title: 'Broken' };
    (broken.tools as { url?: string }[])[0].url = 'javascript:alert(1)';
    replace('one.json', broken);
    await eventually(() => library.problems().length > 0, 'the bad version is reported');
    assert.equal(titleOf('one'), 'alpha vs beta', 'the last good version is still served');
    assert.ok(library.catalog.has('two'), 'other feeds are untouched');
    assert.deepEqual(library.problems(), [
      {
        file: `${feeds.slice(root.path.length + 1)}/one.json`,
        problems: [`${feeds.slice(root.path.length + 1)}/one.json: tools[0].url: only http(s) links are allowed`],
        servingLastGood: 'one',
      },
    ] satisfies FeedProblem[]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /"msg":"feed file refused; serving its last good version"/);

    replace('one.json', { ...feed('one'), title: 'Fixed' });
    await eventually(() => titleOf('one') === 'Fixed', 'the fix is served');
    assert.deepEqual(library.problems(), []);
  });

  it('never lets a new file take over the id of a feed already served', async () => {
    writeFeeds(feeds, { '0-impostor.json': { ...feed('two', ['x', 'y']), title: 'Impostor' } });
    await eventually(() => library.problems().length > 0, 'the clash is reported');
    assert.equal(titleOf('two'), 'x vs y');
    assert.match(library.problems()[0].problems[0], /0-impostor\.json: id: "two" is already used by .*two\.json$/);
  });

  it('notices changes on the rescan timer when change events are lost', async () => {
    stopWatching();
    stopWatching = library.watch({ debounceMs: 50, rescanMs: 100 });
    await library.rescan();
    writeFeeds(feeds, { 'late.json': feed('late') });
    await eventually(() => library.catalog.has('late'), 'the rescan found the file');
  });
});

describe('votes for a removed comparison', () => {
  it('are kept, and count again when the comparison comes back', async () => {
    const store = new SqliteVoteStore(':memory:');
    try {
      const app = createApp({
        feeds: library.catalog,
        store,
        config: {
          allowedOrigins: '*',
          rateLimit: { writes: 100, windowMs: 1000 },
          voteIntegrity: { ...VOTE_INTEGRITY_DEFAULTS, proof: false },
        },
        staticRoot: root.path,
      });
      const vote = await app.request('/api/comparisons/two/votes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ toolId: 'x', voterId: voter('kept') }),
      });
      assert.equal(vote.status, 200);
      renameSync(join(feeds, 'two.json'), join(root.path, `parked-${counter}.json`));
      await eventually(() => !library.catalog.has('two'), 'the comparison is gone');
      assert.equal((await app.request(`/api/comparisons/two/votes?voter=${voter('kept')}`)).status, 404);

      renameSync(join(root.path, `parked-${counter}.json`), join(feeds, 'two.json'));
      await eventually(() => library.catalog.has('two'), 'the comparison is back');
      const summary = (await (await app.request(`/api/comparisons/two/votes?voter=${voter('kept')}`)).json()) as Summary;
      assert.deepEqual(summary, { comparisonId: 'two', tallies: { x: 1, y: 0 }, total: 1, yourVote: 'x' });
    } finally {
      await store.close();
    }
  });
});
