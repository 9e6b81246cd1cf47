/**
 * The built bundle on a page of another origin, as bloggers embed it: the feed fetching and the
 * voting load on demand from beside the bundle (CORS from the reference server), and a vote works;
 * the words for a bad feed load only for a bad feed.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { AiCompare } from '../../src/ai-compare.js';
import { buttonNamed, inFrame, part, scriptsOf, text, until } from '../helpers/dom.js';
import { makeFeed } from '../helpers/feeds.js';

/** An inline feed, escaped for a script element. */
const inline = (feed: unknown) => `<script type="application/json">${JSON.stringify(feed).replaceAll('<', '\\u003c')}</script>`;

describe('the built bundle from another origin', () => {
  let server: string;

  before(async () => {
    server = await executeServerCommand<string, { env: Record<string, string> }>('start-vote-server', { env: {} });
  });

  after(() => executeServerCommand('stop-vote-servers'));

  it('paints the comparison, then loads voting from beside the bundle and takes a vote', async () => {
    expect(new URL(server).origin).to.not.equal(location.origin);
    await inFrame(server, `<ai-compare src="${server}/api/comparisons/alpha-vs-beta" loading="eager"></ai-compare>`, async (frame) => {
      const widget = () => frame.contentDocument!.querySelector('ai-compare') as AiCompare;
      await until(() => widget()?.state === 'ready', 'the comparison', 10_000);
      await until(() => part(widget(), 'results')[0]?.getAttribute('aria-busy') === 'false', 'the results', 10_000);

      const scripts = scriptsOf(frame);
      // One bundle, and the chunks it asked for, all from the bundle's own origin.
      expect(scripts.every((url) => url.origin === new URL(server).origin)).to.equal(true);
      expect(scripts.filter((url) => url.pathname === '/ai-compare.js')).to.have.length(1);
      expect(scripts.some((url) => /^\/ai-compare-vote-controller-[\w-]+\.js$/.test(url.pathname))).to.equal(true);
      expect(scripts.some((url) => /^\/ai-compare-fetch-feed-[\w-]+\.js$/.test(url.pathname))).to.equal(true);

      const voted = new Promise((resolve) => widget().addEventListener('ai-compare-voted', resolve, { once: true }));
      buttonNamed(widget(), 'Vote for Alpha').click();
      await voted;
      await until(() => text(part(widget(), 'results')[0]).includes('You voted for Alpha.'), 'the vote on screen');
      expect(buttonNamed(widget(), 'Vote for Alpha').getAttribute('aria-pressed')).to.equal('true');
    });
  });

  it('loads the words for a bad feed only when a feed is bad, and shows every problem in them', async () => {
    const explainer = /^\/ai-compare-explain-feed-[\w-]+\.js$/;
    const good = makeFeed();
    delete (good as { votes?: unknown }).votes;
    await inFrame(server, `<ai-compare>${inline(good)}</ai-compare>`, async (frame) => {
      const widget = frame.contentDocument!.querySelector('ai-compare') as AiCompare;
      await until(() => widget?.state === 'ready', 'the comparison', 10_000);
      expect(scriptsOf(frame).filter((url) => explainer.test(url.pathname))).to.deep.equal([]);
    });

    const bad = makeFeed({ title: '   ', tools: [{ id: 'alpha', name: 'Alpha', url: 'javascript:alert(1)' }, { id: 'beta', name: 'Beta' }] });
    await inFrame(server, `<ai-compare>${inline(bad)}</ai-compare>`, async (frame) => {
      const widget = frame.contentDocument!.querySelector('ai-compare') as AiCompare;
      const errors: CustomEvent[] = [];
      widget.addEventListener('ai-compare-error', (event) => errors.push(event as CustomEvent));
      await until(() => widget.state === 'error', 'the error panel', 10_000);
      expect(scriptsOf(frame).filter((url) => explainer.test(url.pathname))).to.have.length(1);
      expect(text(part(widget, 'error')[0])).to.contain('This comparison could not be loaded.');
      expect(text(part(widget, 'error')[0])).to.contain('The feed does not follow the comparison format.');
      expect(errors).to.have.length(1);
      expect(errors[0].detail).to.deep.equal({
        code: 'invalid',
        message: 'title: must not be empty',
        path: 'title',
        problems: [
          { path: 'title', message: 'must not be empty' },
          { path: 'tools[0].url', message: 'only http(s) links are allowed' },
        ],
      });
    });
  });
});
