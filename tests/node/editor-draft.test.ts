/** The feed editor's draft edits: what a change leaves behind in the JSON a publisher downloads. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleFeed } from '../../contract/example-feed.js';
import { parseFeed } from '../../contract/feed-schema.js';
import { draftFromText, renameToolId, setAt, type JsonObject } from '../../demo/editor/draft.js';

const example = () => exampleFeed('https://votes.example/feed.schema.json') as unknown as JsonObject;
const BASE = 'https://blog.example/feeds/a.json';

describe('feed editor draft', () => {
  it('sets a value without touching the draft it came from', () => {
    const before = example();
    const after = setAt(before, ['tools', 1, 'pricing', 'entry'], 'Free');
    assert.equal((after.tools as JsonObject[])[1].pricing && ((after.tools as JsonObject[])[1].pricing as JsonObject).entry, 'Free');
    assert.equal(((before.tools as JsonObject[])[1].pricing as JsonObject).entry, '$10/month');
  });

  it('drops an optional object once every field in it is cleared, so the feed stays valid', () => {
    let draft = example();
    draft = setAt(draft, ['tools', 0, 'pricing', 'entry'], '');
    assert.equal(parseFeed(draft, BASE).ok, false, 'details without an entry price are a problem');
    draft = setAt(draft, ['tools', 0, 'pricing', 'details'], '');
    draft = setAt(draft, ['tools', 0, 'pricing', 'url'], '');
    assert.equal(Object.hasOwn((draft.tools as JsonObject[])[0], 'pricing'), false);
    draft = setAt(setAt(draft, ['votes', 'endpoint'], ''), ['source', 'name'], '');
    draft = setAt(draft, ['source', 'url'], '');
    assert.equal('votes' in draft || 'source' in draft, false);
    assert.ok(parseFeed(draft, BASE).ok);
  });

  it('keeps a cleared required field missing, so the problem names it', () => {
    const draft = setAt(example(), ['title'], '');
    const parsed = parseFeed(draft, BASE);
    assert.deepEqual(parsed.ok ? [] : parsed.problems, [{ path: 'title', message: 'is required' }]);
  });

  it('renames a tool everywhere it is referred to, in place', () => {
    const draft = renameToolId({ ...example(), community: { 'tool-a': 3, 'tool-b': 1 } }, 0, 'tool-x');
    const [builder] = draft.reviewers as JsonObject[];
    assert.deepEqual(Object.keys(builder.verdicts as JsonObject), ['tool-x', 'tool-b']);
    assert.equal(builder.pick, 'tool-x');
    assert.deepEqual(draft.community, { 'tool-x': 3, 'tool-b': 1 });
    assert.ok(parseFeed(draft, BASE).ok);
  });

  it('does not merge verdicts when a rename collides with the other tool', () => {
    const draft = renameToolId(example(), 0, 'tool-b');
    const [builder] = draft.reviewers as JsonObject[];
    assert.deepEqual(Object.keys(builder.verdicts as JsonObject), ['tool-a', 'tool-b'], 'both verdicts survive');
    const parsed = parseFeed(draft, BASE);
    assert.equal(parsed.ok, false);
  });

  it('opens only JSON objects', () => {
    assert.deepEqual(draftFromText('{"id": "x"}'), { ok: true, draft: { id: 'x' } });
    assert.match((draftFromText('[1, 2]') as { message: string }).message, /A feed is a JSON object/);
    assert.match((draftFromText('{"id": ') as { message: string }).message, /^This is not JSON/);
  });
});
