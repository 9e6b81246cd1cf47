import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseFeed, type Feed } from '../../contract/feed-schema.js';
import { explainFailure } from '../../src/feed/explain-feed.js';
import de from '../../src/i18n/de.js';
import { english } from '../../src/i18n/english.js';
import { buildView, type ComparisonView, type ReadyView, type ViewInput } from '../../src/view/build-view.js';

function launch(): Feed {
  const parsed = parseFeed(JSON.parse(readFileSync('demo/feeds/cursor-vs-smolvlm2.json', 'utf8')), 'https://publisher.example/feeds/');
  assert.ok(parsed.ok);
  return parsed.feed;
}

function ready(view: ComparisonView): ReadyView {
  assert.equal(view.kind, 'ready');
  return view as ReadyView;
}

const input = (patch: Partial<ViewInput>): ViewInput => ({
  status: 'ready',
  feed: launch(),
  votes: { enabled: true, summary: { comparisonId: 'x', tallies: { 'cursor-1-0': 1200, 'smolvlm2-2b': 300 }, total: 1500, yourVote: null } },
  strings: english,
  locale: 'en',
  ...patch,
});

// Runs in Node without a DOM: the view needs no document, window or navigator.
describe('buildView', () => {
  it('formats every figure once, for the given locale', () => {
    const view = ready(buildView(input({ locale: 'de' })));
    assert.equal(view.dir, 'ltr');
    assert.equal(view.cards[0].community.value, '80\u00a0%');
    assert.equal(view.cards[0].community.detail, '1.200 of 1.500 votes');
    assert.equal(view.cards[0].community.share, 80);
    assert.equal(view.results?.totalText, '1.500 votes');
    assert.deepEqual(
      view.results?.segments.map((segment) => segment.share),
      [80, 20],
    );
  });

  it('is the same for the same input, and changes only with it', () => {
    const a = buildView(input({}));
    assert.deepEqual(buildView(input({})), a);
    const withVote = ready(
      buildView(input({ votes: { enabled: true, summary: { comparisonId: 'x', tallies: { 'cursor-1-0': 1, 'smolvlm2-2b': 0 }, total: 1, yourVote: 'cursor-1-0' } } })),
    );
    assert.equal(withVote.results?.voting?.buttons[0].pressed, true);
    assert.equal(withVote.results?.yourVote, 'You voted for Cursor 1.0. Press again to withdraw.');
  });

  it('shows static tallies and no buttons when voting is off', () => {
    const feed = { ...launch(), community: { 'cursor-1-0': 3, 'smolvlm2-2b': 1 } };
    const view = ready(buildView(input({ feed, votes: { enabled: false } })));
    assert.equal(view.results?.voting, undefined);
    assert.equal(view.results?.totalText, '4 votes');
  });

  it('writes a tally of -0 (valid JSON, a whole number) as 0 in every language', () => {
    const feed = { ...launch(), community: { 'cursor-1-0': -0, 'smolvlm2-2b': 4 } };
    for (const locale of ['en', 'de', 'fr', 'ar']) {
      const view = ready(buildView(input({ feed, votes: { enabled: false }, locale })));
      const shown = JSON.stringify([view.cards[0].community, view.results?.segments]);
      assert.doesNotMatch(shown, /-0|\u2212\s*0|\u061c?-\u0660/, locale);
      assert.equal(view.cards[0].community.share, 0, locale);
      assert.ok(!Object.is(view.cards[0].community.share, -0), locale);
    }
  });

  it('writes right-to-left languages right to left', () => {
    assert.equal(buildView(input({ locale: 'ar-EG' })).dir, 'rtl');
    assert.equal(buildView(input({ locale: 'he' })).dir, 'rtl');
  });

  it('gives readers a short reason and never a schema path', () => {
    const invalid = explainFailure({ code: 'invalid', issues: [{ path: ['tools', 1, 'url'], code: 'link' }] });
    assert.equal(invalid.detail.message, 'tools[1].url: only http(s) links are allowed');
    const view = buildView(input({ status: 'error', feed: undefined, reason: invalid.reason }));
    assert.equal(view.kind, 'error');
    assert.equal(view.kind === 'error' && view.reason, 'The feed does not follow the comparison format.');
    assert.ok(!JSON.stringify(view).includes('tools[1].url'));
    const refused = explainFailure({ code: 'http', status: 404, message: 'The feed server answered 404.' });
    const http = buildView(input({ status: 'error', feed: undefined, reason: refused.reason, locale: 'de', strings: de }));
    assert.equal(http.kind === 'error' && http.reason, de.errorStatus.replace('{status}', '404'));
    const large = explainFailure({ code: 'too-large', detail: 512 * 1024 });
    const tooLarge = buildView(input({ status: 'error', feed: undefined, reason: large.reason }));
    assert.equal(tooLarge.kind === 'error' && tooLarge.reason, 'The feed is larger than 512 KiB.');
  });
});
