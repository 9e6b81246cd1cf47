import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import type { FeedInput } from '../../contract/feed-schema.js';
import { failing, part, text } from '../helpers/dom.js';
import { clone, launchFeed } from '../helpers/feeds.js';

type Json = Record<string, unknown>;

describe('<ai-compare> errors for readers and publishers', () => {
  let logged: unknown[][];
  let original: typeof console.error;

  beforeEach(() => {
    logged = [];
    original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
  });

  afterEach(() => {
    console.error = original;
    fixtureCleanup();
  });

  async function brokenFeed(): Promise<Json> {
    const feed = clone(await launchFeed()) as Json & { tools: Json[] };
    delete feed.title;
    feed.tools[1].url = 'javascript:alert(1)';
    return feed;
  }

  it('shows readers a short sentence, never a schema path', async () => {
    const el = await fixture<AiCompare>(html`<ai-compare .feed=${(await brokenFeed()) as FeedInput}></ai-compare>`);
    await el.updateComplete;
    const panel = text(part(el, 'error')[0]);
    expect(panel).to.equal('This comparison could not be loaded. The feed does not follow the comparison format.');
    expect(panel).not.to.contain('tools[1]');
  });

  it('gives the publisher every problem in the event detail', async () => {
    const feed = await brokenFeed();
    const seen = oneEvent(document, 'ai-compare-error');
    await fixture<AiCompare>(html`<ai-compare .feed=${feed as FeedInput}></ai-compare>`);
    const { detail } = await seen;
    expect(detail.code).to.equal('invalid');
    expect(detail.problems).to.deep.equal([
      { path: 'title', message: 'is required' },
      { path: 'tools[1].url', message: 'only http(s) links are allowed' },
    ]);
    expect(detail.path).to.equal('title');
  });

  it('logs every problem to the console once, not on every render', async () => {
    const el = await fixture<AiCompare>(html`<ai-compare .feed=${(await brokenFeed()) as FeedInput}></ai-compare>`);
    await el.updateComplete;
    el.theme = 'dark';
    await el.updateComplete;
    expect(logged).to.have.length(1);
    const message = String(logged[0][0]);
    expect(message).to.contain('title: is required');
    expect(message).to.contain('tools[1].url: only http(s) links are allowed');
  });

  it('logs why a feed could not be fetched', async () => {
    const { el } = await failing('/test-feed/status/404');
    el.remove();
    expect(logged).to.have.length(1);
    expect(String(logged[0][0])).to.contain('The feed server answered 404.');
  });

  it('says when src is not a URL at all', async () => {
    const { el, event } = await failing('http://[not-a-host');
    expect(event.detail).to.deep.equal({ code: 'network', message: 'The feed URL "http://[not-a-host" is not a valid URL.' });
    expect(text(part(el, 'error')[0])).to.equal('This comparison could not be loaded. The feed could not be reached.');
    el.remove();
    expect(logged).to.have.length(1);
  });
});
