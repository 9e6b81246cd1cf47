import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { communityScore, panelShipScore } from '../../src/feed/figures.js';
import { MAX_FEED_BYTES, parseFeed, type Feed } from '../../contract/feed-schema.js';
import { feedFromText } from '../../src/feed/load-feed.js';
import { checkFeed } from '../../contract/check-feed.js';
import { formatDay } from '../../src/i18n/format.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const BASE = 'https://publisher.example/feeds/launch.json';
const launch = (): Json => JSON.parse(readFileSync(new URL('../../demo/feeds/cursor-vs-smolvlm2.json', import.meta.url), 'utf8'));

function problem(feed: unknown): string {
  const result = parseFeed(feed, BASE);
  assert.equal(result.ok, false, 'expected the feed to be invalid');
  return result.ok ? '' : `${result.problems[0].path}: ${result.problems[0].message}`;
}

function valid(feed: unknown): Feed {
  const result = parseFeed(feed, BASE);
  if (!result.ok) assert.fail(`expected a valid feed, got ${result.problems[0].path}: ${result.problems[0].message}`);
  return result.feed;
}

function withChange(change: (feed: Json) => void): Json {
  const feed = launch();
  change(feed);
  return feed;
}

describe('feed schema', () => {
  it('accepts the launch feed and resolves its relative vote endpoint', () => {
    const feed = valid(launch());
    assert.equal(feed.id, 'cursor-1-0-vs-smolvlm2-2b');
    assert.equal(feed.votes?.endpoint, 'https://publisher.example/api/comparisons/cursor-1-0-vs-smolvlm2-2b/votes');
    assert.equal(feed.reviewers?.length, 4);
  });

  it('needs schemaVersion 1', () => {
    assert.equal(problem(withChange((f) => (f.schemaVersion = 2))), 'schemaVersion: unsupported schema version (this widget reads version 1)');
    assert.equal(problem(withChange((f) => delete f.schemaVersion)), 'schemaVersion: is required');
    assert.equal(problem(withChange((f) => (f.schemaVersion = '1'))), 'schemaVersion: must be a number');
  });

  it('needs an object at the top', () => {
    assert.equal(problem([]), 'feed: must be an object');
    assert.equal(problem(null), 'feed: must be an object');
  });

  it('checks slugs for the feed, tools and reviewers', () => {
    assert.match(problem(withChange((f) => (f.id = 'Not A Slug'))), /^id: must be a slug/);
    assert.match(problem(withChange((f) => (f.id = 'a'.repeat(65)))), /^id: must be a slug/);
    assert.match(problem(withChange((f) => (f.tools[1].id = '-dash-first'))), /^tools\[1\]\.id: must be a slug/);
    assert.match(problem(withChange((f) => (f.reviewers[2].id = 'UPPER'))), /^reviewers\[2\]\.id: must be a slug/);
    valid(withChange((f) => (f.id = 'a'.repeat(64))));
  });

  it('limits every text field to its length', () => {
    const cases: [string, (f: Json, v: string) => void, number][] = [
      ['title', (f, v) => (f.title = v), 200],
      ['kicker', (f, v) => (f.kicker = v), 80],
      ['summary', (f, v) => (f.summary = v), 1000],
      ['source.name', (f, v) => (f.source.name = v), 120],
      ['tools[0].name', (f, v) => (f.tools[0].name = v), 80],
      ['tools[0].category', (f, v) => (f.tools[0].category = v), 60],
      ['tools[0].tagline', (f, v) => (f.tools[0].tagline = v), 200],
      ['tools[0].description', (f, v) => (f.tools[0].description = v), 2000],
      ['tools[0].pricing.entry', (f, v) => (f.tools[0].pricing.entry = v), 60],
      ['tools[0].pricing.details', (f, v) => (f.tools[0].pricing.details = v), 300],
      ['reviewers[0].name', (f, v) => (f.reviewers[0].name = v), 80],
      ['reviewers[0].focus', (f, v) => (f.reviewers[0].focus = v), 160],
      ['reviewers[0].verdicts.cursor-1-0.quote', (f, v) => (f.reviewers[0].verdicts['cursor-1-0'].quote = v), 2000],
      ['cta.title', (f, v) => (f.cta.title = v), 120],
      ['cta.text', (f, v) => (f.cta.text = v), 300],
    ];
    for (const [path, set, max] of cases) {
      valid(withChange((f) => set(f, 'x'.repeat(max))));
      assert.equal(problem(withChange((f) => set(f, 'x'.repeat(max + 1)))), `${path}: must be at most ${max} characters`);
    }
  });

  it('rejects wrong types with plain words', () => {
    assert.equal(problem(withChange((f) => (f.title = 42))), 'title: must be text');
    assert.equal(problem(withChange((f) => (f.tools = {}))), 'tools: must be a list');
    assert.equal(problem(withChange((f) => delete f.title)), 'title: is required');
    assert.equal(problem(withChange((f) => (f.tools[0].pricing = 'Free'))), 'tools[0].pricing: must be an object');
  });

  it('needs exactly two tools with different ids', () => {
    assert.equal(problem(withChange((f) => f.tools.push({ id: 'third', name: 'Third' }))), 'tools: must list exactly two tools');
    assert.equal(problem(withChange((f) => f.tools.pop())), 'tools: must list exactly two tools');
    assert.equal(problem(withChange((f) => (f.tools[1].id = f.tools[0].id))), 'tools[1].id: duplicate tool id "cursor-1-0"');
  });

  it('checks reviewers: at most 50, unique ids, verdicts and picks for known tools', () => {
    const many = withChange((f) => {
      f.reviewers = Array.from({ length: 51 }, (_, i) => ({ id: `r${i}`, name: `R${i}`, verdicts: {} }));
    });
    assert.equal(problem(many), 'reviewers: must list at most 50 reviewers');
    valid(withChange((f) => (f.reviewers = many.reviewers.slice(0, 50))));
    assert.equal(problem(withChange((f) => (f.reviewers[1].id = 'builder'))), 'reviewers[1].id: duplicate reviewer id "builder"');
    assert.equal(
      problem(withChange((f) => (f.reviewers[0].verdicts.copilot = { verdict: 'ship' }))),
      'reviewers[0].verdicts.copilot: "copilot" is not one of the two tools',
    );
    assert.equal(problem(withChange((f) => (f.reviewers[3].pick = 'copilot'))), 'reviewers[3].pick: "copilot" is not one of the two tools');
    assert.equal(
      problem(withChange((f) => (f.reviewers[0].verdicts['cursor-1-0'].verdict = 'maybe'))),
      'reviewers[0].verdicts.cursor-1-0.verdict: must be "ship" or "skip"',
    );
    valid(withChange((f) => (f.reviewers[3].pick = 'smolvlm2-2b')));
    valid(withChange((f) => delete f.reviewers));
  });

  it('allows only http(s) links, resolving relative ones against the feed URL', () => {
    assert.equal(problem(withChange((f) => (f.tools[1].url = 'javascript:alert(1)'))), 'tools[1].url: only http(s) links are allowed');
    assert.equal(problem(withChange((f) => (f.tools[0].logo = 'data:image/png;base64,AAAA'))), 'tools[0].logo: only http(s) links are allowed');
    assert.equal(problem(withChange((f) => (f.cta.url = 'ftp://files.example/'))), 'cta.url: only http(s) links are allowed');
    assert.equal(problem(withChange((f) => (f.source.url = ' JavaScript:alert(1)'))), 'source.url: only http(s) links are allowed');
    assert.equal(problem(withChange((f) => (f.votes.endpoint = 'http://[bad'))), 'votes.endpoint: only http(s) links are allowed');
    const feed = valid(
      withChange((f) => {
        f.tools[0].url = '../tools/cursor.html';
        f.tools[1].logo = '/img/smol.png';
        f.cta.url = '?subscribe';
        f.reviewers[0].avatar = 'avatars/builder.png';
        f.tools[0].pricing.url = 'http://cursor.example/pricing';
      }),
    );
    assert.equal(feed.tools[0].url, 'https://publisher.example/tools/cursor.html');
    assert.equal(feed.tools[1].logo, 'https://publisher.example/img/smol.png');
    assert.equal(feed.cta?.url, 'https://publisher.example/feeds/launch.json?subscribe');
    assert.equal(feed.reviewers?.[0].avatar, 'https://publisher.example/feeds/avatars/builder.png');
    assert.equal(feed.tools[0].pricing?.url, 'http://cursor.example/pricing');
  });

  it('needs real calendar dates', () => {
    valid(withChange((f) => (f.updated = '2024-02-29')));
    assert.equal(problem(withChange((f) => (f.updated = '2026-02-30'))), 'updated: must be a calendar date written YYYY-MM-DD');
    assert.equal(problem(withChange((f) => (f.updated = '23/11/2026'))), 'updated: must be a calendar date written YYYY-MM-DD');
  });

  it('checks community tallies', () => {
    valid(withChange((f) => (f.community = { 'cursor-1-0': 3, 'smolvlm2-2b': 0 })));
    assert.equal(problem(withChange((f) => (f.community = { 'cursor-1-0': -1 }))), 'community.cursor-1-0: must be a whole number ≥ 0');
    assert.equal(problem(withChange((f) => (f.community = { 'cursor-1-0': 1.5 }))), 'community.cursor-1-0: must be a whole number ≥ 0');
    assert.equal(problem(withChange((f) => (f.community = { other: 1 }))), 'community.other: "other" is not one of the two tools');
  });

  it('ignores unknown fields', () => {
    const feed = valid(withChange((f) => {
      f.futureField = { anything: true };
      f.tools[0].rating = 5;
    }));
    assert.equal((feed as Json).futureField, undefined);
  });

  it('reports the first problem when there are several', () => {
    assert.equal(
      problem(withChange((f) => {
        f.title = 1;
        f.tools[1].url = 'javascript:x';
      })),
      'title: must be text',
    );
  });
});

describe('feed text', () => {
  it('rejects text that is not JSON', () => {
    const result = feedFromText('{"schemaVersion": 1,', BASE);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'parse');
  });

  it('rejects feeds over 512 KiB', () => {
    const result = feedFromText(JSON.stringify({ padding: 'é'.repeat(MAX_FEED_BYTES / 2) }), BASE);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'too-large');
  });
});

describe('derived figures', () => {
  const feed = valid(
    withChange((f) => {
      f.reviewers[0].verdicts['cursor-1-0'].verdict = 'skip';
      delete f.reviewers[1].verdicts['smolvlm2-2b'];
      f.reviewers[2].verdicts['smolvlm2-2b'].verdict = 'skip';
    }),
  );

  it('computes panel ship % from reviewers with a verdict', () => {
    assert.deepEqual(panelShipScore(feed, 'cursor-1-0'), { reviewed: 4, ship: 3, percent: 75 });
    assert.deepEqual(panelShipScore(feed, 'smolvlm2-2b'), { reviewed: 3, ship: 2, percent: 67 });
  });

  it('has no panel % without verdicts', () => {
    const empty = valid(withChange((f) => (f.reviewers = [])));
    assert.deepEqual(panelShipScore(empty, 'cursor-1-0'), { reviewed: 0, ship: 0, percent: null });
  });

  it('computes community % of all votes, rounded', () => {
    assert.deepEqual(communityScore({ 'cursor-1-0': 2, 'smolvlm2-2b': 1 }, feed.tools, 'cursor-1-0'), { votes: 2, total: 3, percent: 67 });
    assert.deepEqual(communityScore({ 'cursor-1-0': 2 }, feed.tools, 'smolvlm2-2b'), { votes: 0, total: 2, percent: 0 });
    assert.deepEqual(communityScore({}, feed.tools, 'cursor-1-0'), { votes: 0, total: 0, percent: null });
  });
});

describe('hostile and unusual feeds', () => {
  it('refuses __proto__ keys instead of dropping them', () => {
    const feed = launch();
    feed.reviewers[0].verdicts = JSON.parse('{"__proto__": {"verdict": "ship"}, "cursor-1-0": {"verdict": "ship"}}');
    assert.equal(problem(feed), 'reviewers[0].verdicts.__proto__: is not an allowed key');
  });

  it('names keys that are not tool ids', () => {
    assert.equal(
      problem(withChange((f) => (f.reviewers[0].verdicts['Bad Key'] = { verdict: 'ship' }))),
      'reviewers[0].verdicts.Bad Key: is not a valid key: keys are tool ids (slugs)',
    );
  });

  it('refuses blank titles and names', () => {
    assert.equal(problem(withChange((f) => (f.title = '   '))), 'title: must not be empty');
    assert.equal(problem(withChange((f) => (f.tools[1].name = ''))), 'tools[1].name: must not be empty');
    assert.equal(problem(withChange((f) => (f.reviewers[0].name = ' '))), 'reviewers[0].name: must not be empty');
    assert.equal(problem(withChange((f) => (f.tools[0].pricing.entry = ''))), 'tools[0].pricing.entry: must not be empty');
  });

  it('counts tool ids that are also Object.prototype names correctly', () => {
    const feed = valid(
      withChange((f) => {
        f.tools[0].id = 'constructor';
        for (const reviewer of f.reviewers) {
          reviewer.verdicts.constructor = reviewer.verdicts['cursor-1-0'];
          delete reviewer.verdicts['cursor-1-0'];
        }
        delete f.reviewers[0].verdicts.constructor;
      }),
    );
    assert.deepEqual(panelShipScore(feed, 'constructor'), { reviewed: 3, ship: 3, percent: 100 });
    assert.deepEqual(communityScore({ 'smolvlm2-2b': 2 }, feed.tools, 'constructor'), { votes: 0, total: 2, percent: 0 });
  });
});

describe('feed schema: every problem, and the newer optional fields', () => {
  it('lists every problem of an invalid feed in document order', () => {
    const feed = withChange((f) => {
      f.title = '';
      (f.tools as Json[])[1].url = 'javascript:alert(1)';
      f.kicker = 'x'.repeat(81);
    });
    const result = parseFeed(feed, BASE);
    assert.equal(result.ok, false);
    const paths = result.ok ? [] : result.problems.map((p) => p.path);
    assert.deepEqual(paths, ['title', 'kicker', 'tools[1].url']);
  });

  it('accepts a call to action with a note and a sign-up form, and a $schema link', () => {
    const feed = valid(
      withChange((f) => {
        f.$schema = 'https://publisher.example/feed.schema.json';
        f.cta = {
          title: 'Weekly AI Tool Verdicts',
          text: 'Get the next comparison in your inbox',
          note: 'New AI tools ship daily.',
          url: '/subscribe',
          subscribe: { action: 'https://news.example/add', emailField: 'EMAIL', method: 'post' },
        };
      }),
    );
    assert.equal(feed.cta?.note, 'New AI tools ship daily.');
    assert.equal(feed.cta?.subscribe?.action, 'https://news.example/add');
    assert.equal(feed.cta?.url, 'https://publisher.example/subscribe');
  });

  it('refuses a sign-up form that posts anywhere but http(s), or with an unknown method', () => {
    assert.equal(
      problem(withChange((f) => (f.cta = { title: 'T', url: '/s', subscribe: { action: 'javascript:void 0' } }))),
      'cta.subscribe.action: only http(s) links are allowed',
    );
    assert.equal(
      problem(withChange((f) => (f.cta = { title: 'T', url: '/s', subscribe: { action: '/s', method: 'put' } }))),
      'cta.subscribe.method: must be "post" or "get"',
    );
  });

  it('accepts vote origins written as origins and refuses anything else', () => {
    const ok = valid(withChange((f) => (f.votes = { endpoint: '/votes', origins: ['https://blog.example'] })));
    assert.deepEqual(ok.votes?.origins, ['https://blog.example']);
    assert.equal(
      problem(withChange((f) => (f.votes = { endpoint: '/votes', origins: ['https://blog.example/'] }))),
      'votes.origins[0]: must be an origin like https://example.com (no path, no trailing slash)',
    );
  });
});

describe('feed nits', () => {
  it('refuses an empty or blank link instead of linking to the feed itself', () => {
    assert.equal(problem(withChange((f) => (f.tools[0].url = ''))), 'tools[0].url: must not be empty');
    assert.equal(problem(withChange((f) => (f.source.url = '  '))), 'source.url: must not be empty');
    assert.equal(checkFeed(withChange((f) => (f.cta.url = '')), BASE).ok, false);
  });

  it('accepts and shows the years 0000 to 0099 as themselves, not as 1900 to 1999', () => {
    for (const day of ['0000-02-29', '0001-01-01', '0099-12-31']) valid(withChange((f) => (f.updated = day)));
    assert.equal(problem(withChange((f) => (f.updated = '0100-02-29'))), 'updated: must be a calendar date written YYYY-MM-DD');
    assert.equal(formatDay('en-US', '0099-12-31'), 'December 31, 99');
    assert.equal(formatDay('en-US', '0001-01-01'), 'January 1, 1');
    assert.equal(formatDay('en-US', '2026-11-23'), 'November 23, 2026');
  });
});
