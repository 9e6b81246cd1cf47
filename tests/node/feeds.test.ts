/** Loading the feeds folder: every broken file stops start-up with a message naming it. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MAX_FEED_BYTES } from '../../contract/feed-schema.js';
import { FeedLoadError, loadFeeds } from '../../server/feeds.js';
import { feed, LAUNCH_FEED, writeFeeds } from './helpers/fixtures.js';
import { ROOT, tempDir } from './helpers/server-process.js';

let dir: ReturnType<typeof tempDir>;
let feeds: string;

beforeEach(() => {
  dir = tempDir();
  feeds = join(dir.path, 'feeds');
  mkdirSync(feeds);
});
afterEach(() => dir.remove());

/** Loads with the temp folder as working directory, so messages name `feeds/<file>`. */
const load = () => loadFeeds(feeds, dir.path);

async function assertRefused(message: string | RegExp): Promise<void> {
  await assert.rejects(load(), (error: unknown) => {
    assert.ok(error instanceof FeedLoadError);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

describe('loadFeeds', () => {
  it('loads the launch feed with its id, tools, bytes and a content hash as ETag', async () => {
    const catalog = await loadFeeds(join(ROOT, 'demo/feeds'));
    const launch = catalog.get(LAUNCH_FEED.id);
    assert.ok(launch);
    assert.deepEqual(launch.toolIds, LAUNCH_FEED.tools);
    const bytes = readFileSync(join(ROOT, LAUNCH_FEED.file));
    assert.deepEqual(Buffer.from(launch.bytes), bytes);
    assert.equal(launch.etag, `"${createHash('sha256').update(bytes).digest('base64url')}"`);
  });

  it('loads every *.json file and ignores other files', async () => {
    writeFeeds(feeds, { 'one.json': feed('one'), 'two.json': feed('two', ['x', 'y']), 'notes.txt': 'not a feed' });
    const catalog = await load();
    assert.deepEqual([...catalog.keys()].sort(), ['one', 'two']);
    assert.deepEqual(catalog.get('two')?.toolIds, ['x', 'y']);
  });

  it('names the file and the bad path of an invalid feed', async () => {
    const broken = feed('broken');
    (broken.tools as { url?: string }[])[1].url = 'javascript:alert(1)';
    writeFeeds(feeds, { 'a.json': feed('fine'), 'x.json': broken });
    await assertRefused('feeds/x.json: tools[1].url: only http(s) links are allowed');
  });

  it('refuses a feed that is not JSON', async () => {
    writeFeeds(feeds, { 'bad.json': '{"schemaVersion": 1,' });
    await assertRefused(/^feeds\/bad\.json: not valid UTF-8 JSON: /);
  });

  it('refuses a feed over the size limit', async () => {
    writeFeeds(feeds, { 'huge.json': { ...feed('huge'), summary: 'x'.repeat(MAX_FEED_BYTES) } });
    await assertRefused(new RegExp(`^feeds/huge\\.json: the feed is \\d+ bytes, over the limit of ${MAX_FEED_BYTES}$`));
  });

  it('refuses two files with the same feed id', async () => {
    writeFeeds(feeds, { 'first.json': feed('same-id'), 'second.json': feed('same-id', ['c', 'd']) });
    await assertRefused('feeds/second.json: id: "same-id" is already used by feeds/first.json');
  });

  it('refuses a missing or empty folder', async () => {
    await assertRefused('feeds: no *.json feed files found');
    await assert.rejects(loadFeeds(join(dir.path, 'missing'), dir.path), /^FeedLoadError: missing: cannot read/);
  });
});
