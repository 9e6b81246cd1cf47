/** A misconfigured server must refuse to start, saying why, instead of serving broken feeds. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { feed, writeFeeds } from './helpers/fixtures.js';
import { runToExit, tempDir } from './helpers/server-process.js';

const dir = tempDir();
before(() => writeFeeds(dir.path, { 'good.json': feed('good') }));
after(() => dir.remove());

describe('start-up', () => {
  it('stops with exit code 1 on an invalid feed, naming the file and the bad path', async () => {
    const feeds = tempDir();
    try {
      const broken = feed('broken');
      (broken.tools as { url?: string }[])[1].url = 'ftp://files.example.com/';
      writeFeeds(feeds.path, { 'good.json': feed('good'), 'x.json': broken });
      const result = await runToExit({ FEEDS_DIR: feeds.path, DATABASE_URL: 'sqlite::memory:' });
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trim(), `${join(feeds.path, 'x.json')}: tools[1].url: only http(s) links are allowed`);
    } finally {
      feeds.remove();
    }
  });

  it('stops on a DATABASE_URL scheme it does not know', async () => {
    const result = await runToExit({ FEEDS_DIR: dir.path, DATABASE_URL: 'mysql://localhost/votes' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /DATABASE_URL scheme "mysql" is not supported/);
  });

  it('stops when the SQLite file cannot be opened', async () => {
    // The "parent folder" is a regular file, so the database cannot be created.
    const result = await runToExit({
      FEEDS_DIR: dir.path,
      DATABASE_URL: `sqlite:${join(dir.path, 'good.json', 'votes.db')}`,
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^DATABASE_URL: cannot open the vote store: /);
  });
});
