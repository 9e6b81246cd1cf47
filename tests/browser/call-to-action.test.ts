import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import type { FeedInput } from '../../contract/feed-schema.js';
import { part, shadow, text } from '../helpers/dom.js';
import { launchFeed, makeFeed } from '../helpers/feeds.js';

async function render(feed: unknown): Promise<AiCompare> {
  const el = await fixture<AiCompare>(html`<ai-compare .feed=${feed as FeedInput}></ai-compare>`);
  await el.updateComplete;
  return el;
}

const subscribeFeed = (subscribe: Record<string, unknown>) =>
  makeFeed({
    cta: {
      title: 'Weekly AI Tool Verdicts',
      text: 'Get the next comparison in your inbox',
      note: 'New AI tools ship daily. We compare them before you waste an afternoon.',
      url: 'https://verdicts.example.com/subscribe',
      subscribe,
    },
  });

describe('<ai-compare> call to action', () => {
  afterEach(() => fixtureCleanup());

  it('ends the launch comparison with its title, text and note', async () => {
    const el = await render(await launchFeed());
    const cta = part(el, 'cta')[0];
    expect(text(cta)).to.contain('Weekly AI Tool Verdicts');
    expect(text(cta)).to.contain('Get the next comparison in your inbox');
    expect(text(cta)).to.contain('New AI tools ship daily. We compare them before you waste an afternoon.');
    const base = part(el, 'base')[0];
    expect(base.lastElementChild).to.equal(cta, 'the call to action comes last');
  });

  it('leaves the note out when the feed has none (v1 feeds stay as they were)', async () => {
    const el = await render(makeFeed({ cta: { title: 'Newsletter', url: 'https://n.example/' } }));
    const cta = part(el, 'cta')[0] as HTMLAnchorElement;
    expect(cta.tagName).to.equal('A');
    expect(text(cta)).to.equal('Newsletter →');
  });

  describe('e-mail sign-up', () => {
    it('is accessible', async () => {
      const el = await render(subscribeFeed({ action: 'https://newsletter.example/subscribe' }));
      await expect(el).to.be.accessible();
    });

    it('posts a labelled, required e-mail field straight to the provider in a new tab', async () => {
      const el = await render(
        subscribeFeed({ action: 'https://newsletter.example/add?list=7', emailField: 'EMAIL', method: 'get' }),
      );
      const form = shadow(el).querySelector('form')!;
      expect(form.action).to.equal('https://newsletter.example/add?list=7');
      expect(form.method).to.equal('get');
      expect(form.target).to.equal('_blank');
      expect(form.getAttribute('rel')).to.contain('noopener');
      const email = form.querySelector<HTMLInputElement>('input[name="EMAIL"]')!;
      expect(email.type).to.equal('email');
      expect(email.required).to.equal(true);
      expect(email.autocomplete).to.equal('email');
      expect(email.labels?.[0] && text(email.labels[0])).to.equal('Email address');
      expect(text(form.querySelector('button[type="submit"]'))).to.equal('Subscribe');
      expect(text(part(el, 'cta')[0])).to.contain('New AI tools ship daily.');
    });

    it('defaults to a POST of a field named "email"', async () => {
      const el = await render(subscribeFeed({ action: 'https://newsletter.example/subscribe' }));
      const form = shadow(el).querySelector('form')!;
      expect(form.method).to.equal('post');
      expect(form.querySelector<HTMLInputElement>('input[type="email"]')!.name).to.equal('email');
    });

    it('lets the browser refuse an address that is not one, and sends nothing', async () => {
      const el = await render(subscribeFeed({ action: 'https://newsletter.example/subscribe' }));
      const form = shadow(el).querySelector('form')!;
      const email = form.querySelector<HTMLInputElement>('input[type="email"]')!;
      let submitted = 0;
      form.addEventListener('submit', (event) => {
        submitted += 1;
        event.preventDefault();
      });
      email.value = 'not an address';
      form.requestSubmit();
      await el.updateComplete;
      expect(email.validity.valid).to.equal(false);
      expect(submitted).to.equal(0);
      expect(text(shadow(el).querySelector('.subscribe-done'))).to.equal('');
    });

    it('says "check your inbox" once the address is on its way', async () => {
      const el = await render(subscribeFeed({ action: 'https://newsletter.example/subscribe' }));
      const form = shadow(el).querySelector('form')!;
      // The status is in the accessibility tree before it has anything to say (a live region
      // that appears with its words may go unheard), yet takes no room in the layout.
      const empty = getComputedStyle(shadow(el).querySelector('.subscribe-done')!);
      expect([empty.display, empty.position]).to.deep.equal(['block', 'absolute']);
      // The widget hears the submit first; stopping it here keeps the test from opening a tab.
      form.addEventListener('submit', (event) => event.preventDefault());
      const email = form.querySelector<HTMLInputElement>('input[type="email"]')!;
      email.value = 'reader@example.com';
      email.focus();
      form.requestSubmit();
      await el.updateComplete;
      const status = shadow(el).querySelector('.subscribe-done')!;
      expect(status.getAttribute('role')).to.equal('status');
      expect(text(status)).to.equal('Check your inbox to confirm your subscription.');
      // The form has gone; the focus, which was in it, is on the words that took its place.
      expect(form.hidden).to.equal(true);
      expect(shadow(el).activeElement === status, 'the status has the focus').to.equal(true);
    });
  });
});
