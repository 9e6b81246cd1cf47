import { aTimeout, expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import type { AiCompareErrorEvent } from '../../src/events.js';
import type { FeedInput } from '../../contract/feed-schema.js';
import { buttonNamed, fromSrc, part, shadow, text, uncaughtDuring, until } from '../helpers/dom.js';
import { clone, LAUNCH_FEED_URL, launchFeed, makeFeed } from '../helpers/feeds.js';

type Json = Record<string, unknown>;

/** Renders a feed given as data and waits for it. */
async function render(feed: unknown): Promise<AiCompare> {
  const el = await fixture<AiCompare>(html`<ai-compare .feed=${feed as FeedInput}></ai-compare>`);
  await el.updateComplete;
  return el;
}

/** Loads `src` eagerly and resolves with the first load/error event. */
const load = (src: string, timeout?: number) => fromSrc(src, ['ai-compare-load', 'ai-compare-error'], timeout);

describe('<ai-compare>', () => {
  let launch: FeedInput;

  before(async () => {
    launch = await launchFeed();
  });

  afterEach(() => {
    fixtureCleanup();
    for (const el of document.querySelectorAll('body > ai-compare')) el.remove();
    document.documentElement.style.removeProperty('--ai-compare-accent');
  });

  describe('accessibility', () => {
    it('is accessible when ready', async () => {
      const el = await render(launch);
      await expect(el).to.be.accessible();
    });

    it('is accessible in the dark theme', async () => {
      const el = await fixture<AiCompare>(html`<ai-compare theme="dark" .feed=${launch}></ai-compare>`);
      await expect(el).to.be.accessible();
    });

    it('is accessible while loading', async () => {
      const el = await fixture<AiCompare>(
        html`<ai-compare src="/test-feed/slow" loading="eager"><a href="/post">Read the post</a></ai-compare>`,
      );
      expect(el.state).to.equal('loading');
      await expect(el).to.be.accessible();
    });

    it('is accessible on error', async () => {
      const { el } = await load('/test-feed/status/404');
      expect(el.state).to.equal('error');
      await expect(el).to.be.accessible();
    });

    it('uses real headings and a real table for the scorecard', async () => {
      const el = await render(launch);
      const root = shadow(el);
      expect(text(root.querySelector('h2'))).to.equal('Cursor 1.0 vs SmolVLM2-2B');
      expect([...root.querySelectorAll('h3')].map(text)).to.include.members([
        'Cursor 1.0',
        'SmolVLM2-2B',
        'Reviewer scorecard',
      ]);
      const table = root.querySelector('table');
      expect(table).to.exist;
      const columns = [...table!.querySelectorAll('th[scope="col"]')].map(text);
      expect(columns).to.deep.equal(['Reviewer', 'Cursor 1.0', 'SmolVLM2-2B']);
      expect(table!.querySelectorAll('th[scope="row"]')).to.have.length(4);
    });

    it('states percentages as text, not only as bars', async () => {
      const el = await render(makeFeed({ community: { alpha: 3, beta: 1 } }));
      const [alpha] = part(el, 'card');
      expect(text(alpha.querySelector('[part="panel-score"]'))).to.contain('67%');
      expect(text(alpha.querySelector('[part="community-score"]'))).to.contain('75%');
      for (const bar of shadow(el).querySelectorAll('.bar, .split')) {
        expect(bar.getAttribute('aria-hidden')).to.equal('true');
      }
    });
  });

  describe('rendering', () => {
    it('renders the header: kicker, title, summary, date and source', async () => {
      const el = await render(launch);
      const header = part(el, 'header')[0];
      expect(text(header)).to.contain('AI tool comparison');
      expect(text(header)).to.contain('Which one should you ship with?');
      expect(text(header)).to.contain('Updated November 23, 2026');
      const source = header.querySelector('a')!;
      expect(text(source)).to.equal('Weekly AI Tool Verdicts');
      expect(source.href).to.equal('https://verdicts.example.com/');
      expect(header.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-23');
    });

    it('renders both tool cards with category, name, tagline, description and entry price', async () => {
      const el = await render(launch);
      const cards = part(el, 'card');
      expect(cards).to.have.length(2);
      const [cursor, smol] = cards;
      expect(text(cursor.querySelector('[part="tool-name"]'))).to.equal('Cursor 1.0');
      expect(cursor.querySelector<HTMLAnchorElement>('[part="tool-name"] a')!.href).to.equal('https://www.cursor.com/');
      expect(text(cursor)).to.contain('Developer Tools');
      expect(text(cursor)).to.contain('AI code editor with autonomous background agents and team features');
      expect(text(cursor)).to.contain('persistent Background Agent');
      expect(text(cursor.querySelector('[part="price"]'))).to.contain('Free');
      expect(text(smol.querySelector('[part="tool-name"]'))).to.equal('SmolVLM2-2B');
      expect(text(smol)).to.contain('Open-source vision-language model that actually runs on your phone');
    });

    it('computes the panel ship percentage from the verdicts', async () => {
      const el = await render(launch);
      for (const card of part(el, 'card')) {
        expect(text(card.querySelector('[part="panel-score"]'))).to.contain('100%');
        expect(text(card.querySelector('[part="panel-score"]'))).to.contain('4 of 4 reviewers say ship');
      }
    });

    it('counts only reviewers who gave a verdict, and mixes ship and skip', async () => {
      // alpha: ship, ship, skip → 67%; beta: skip, ship, (none) → 50%.
      const el = await render(makeFeed());
      const [alpha, beta] = part(el, 'card');
      expect(text(alpha.querySelector('[part="panel-score"]'))).to.contain('67%');
      expect(text(alpha.querySelector('[part="panel-score"]'))).to.contain('2 of 3 reviewers');
      expect(text(beta.querySelector('[part="panel-score"]'))).to.contain('50%');
      expect(text(beta.querySelector('[part="panel-score"]'))).to.contain('1 of 2 reviewers');
    });

    it('shows "—" when nobody gave a verdict and hides the scorecard without reviewers', async () => {
      const el = await render(makeFeed({ reviewers: [] }));
      for (const card of part(el, 'card')) {
        expect(text(card.querySelector('[part="panel-score"]'))).to.contain('—');
        expect(text(card.querySelector('[part="panel-score"]'))).to.contain('No reviewer verdicts yet');
      }
      expect(part(el, 'scorecard')).to.have.length(0);
    });

    it('shows static community tallies as percentages with the total', async () => {
      const el = await render(makeFeed({ community: { alpha: 3, beta: 1 } }));
      const [alpha, beta] = part(el, 'card');
      expect(text(alpha.querySelector('[part="community-score"]'))).to.contain('75%');
      expect(text(alpha.querySelector('[part="community-score"]'))).to.contain('3 of 4 votes');
      expect(text(beta.querySelector('[part="community-score"]'))).to.contain('25%');
      const results = part(el, 'results')[0];
      expect(text(results)).to.contain('4 votes');
      expect(results.querySelectorAll('button')).to.have.length(0);
    });

    it('shows "—" for the community when there are no votes', async () => {
      const el = await render(makeFeed({ community: { alpha: 0, beta: 0 } }));
      for (const card of part(el, 'card')) {
        expect(text(card.querySelector('[part="community-score"]'))).to.contain('—');
      }
      expect(text(part(el, 'results')[0])).to.contain('0 votes');
    });

    it('renders the scorecard: reviewers × tools with verdict chips and quotes', async () => {
      const el = await render(launch);
      const rows = [...shadow(el).querySelectorAll('tbody tr')];
      expect(rows.map((row) => text(row.querySelector('.reviewer-name')))).to.deep.equal([
        'The Builder',
        'The Skeptic',
        'The Futurist',
        'The Buyer',
      ]);
      expect(part(el, 'verdict').map(text)).to.deep.equal(Array(8).fill('Ship'));
      expect(part(el, 'quote')).to.have.length(8);
      expect(text(rows[0])).to.contain('Developer experience: the primitive, the first ten minutes');
    });

    it('shows skip verdicts, missing verdicts and picks', async () => {
      const feed = makeFeed();
      (feed.reviewers![0] as Json).pick = 'alpha';
      const el = await render(feed);
      const chips = part(el, 'verdict').map(text);
      expect(chips).to.deep.equal(['Ship', 'Skip', 'Ship', 'Ship', 'Skip', 'No verdict']);
      expect(text(shadow(el).querySelector('tbody tr'))).to.contain('Pick');
    });

    it('collapses long quotes behind a toggle that expands them', async () => {
      const el = await render(launch);
      const quote = part(el, 'quote')[0];
      const toggle = buttonNamed(el, /^Read more/);
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(toggle.getAttribute('aria-controls')).to.equal(quote.id);
      const collapsedHeight = quote.getBoundingClientRect().height;
      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(text(toggle)).to.match(/^Show less/);
      expect(quote.getBoundingClientRect().height).to.be.greaterThan(collapsedHeight * 1.5);
    });

    it('does not collapse short quotes', async () => {
      const feed = makeFeed();
      (feed.reviewers![0].verdicts as Json).alpha = { verdict: 'ship', quote: 'Short and sweet.' };
      const el = await render(feed);
      expect(text(part(el, 'quote')[0])).to.equal('Short and sweet.');
      expect(shadow(el).querySelectorAll('button.more')).to.have.length(0);
    });

    it('renders the call to action as a link', async () => {
      const el = await render(launch);
      const cta = part(el, 'cta')[0] as HTMLAnchorElement;
      expect(cta.tagName).to.equal('A');
      expect(cta.href).to.equal('https://verdicts.example.com/subscribe');
      expect(text(cta)).to.contain('Weekly AI Tool Verdicts');
      expect(text(cta)).to.contain('Get the next comparison in your inbox');
    });

    it('renders logos, avatars and pricing details when the feed has them', async () => {
      const feed = makeFeed();
      Object.assign(feed.tools[0], {
        logo: 'https://cdn.example/alpha.png',
        pricing: { entry: '$10/mo', details: 'Billed yearly', url: 'https://alpha.example/pricing' },
      });
      Object.assign(feed.reviewers![0], { avatar: 'https://cdn.example/one.png', focus: 'Costs' });
      const el = await render(feed);
      const card = part(el, 'card')[0];
      expect(card.querySelector('img')!.getAttribute('src')).to.equal('https://cdn.example/alpha.png');
      expect(card.querySelector('img')!.getAttribute('alt')).to.equal('');
      expect(text(card.querySelector('[part="price"]'))).to.contain('Billed yearly');
      expect(card.querySelector<HTMLAnchorElement>('[part="price"] a')!.href).to.equal('https://alpha.example/pricing');
      expect(shadow(el).querySelector('tbody img')!.getAttribute('src')).to.equal('https://cdn.example/one.png');
    });

    it('shows feed text as text, never as markup', async () => {
      const feed = makeFeed({ title: '<img src=x onerror="window.__pwned=1">Alpha <b>vs</b> Beta' });
      const el = await render(feed);
      expect(text(part(el, 'title')[0])).to.equal('<img src=x onerror="window.__pwned=1">Alpha <b>vs</b> Beta');
      expect(shadow(el).querySelector('b')).to.equal(null);
      expect((window as unknown as Json).__pwned).to.equal(undefined);
    });

    it('formats numbers and dates for the UI language', async () => {
      const el = await fixture<AiCompare>(
        html`<ai-compare lang="de" .feed=${makeFeed({ updated: '2026-03-05', community: { alpha: 1200, beta: 0 } })}></ai-compare>`,
      );
      expect(text(part(el, 'header')[0])).to.contain('5. März 2026');
      expect(text(part(el, 'results')[0])).to.contain('1.200');
    });
  });

  describe('properties', () => {
    it('keeps what a page set before the element was defined, over its defaults', async () => {
      // A framework may set properties on the tag before the script has defined it.
      const name = `ai-compare-late-${Math.random().toString(36).slice(2)}`;
      const el = document.createElement(name) as AiCompare;
      el.feed = makeFeed({ title: 'Set before definition' });
      el.noVotes = true;
      el.theme = 'dark';
      el.loading = 'eager';
      el.timeout = 1234;
      document.body.append(el);
      const Late = class extends (customElements.get('ai-compare') as typeof AiCompare) {};
      customElements.define(name, Late);
      await el.updateComplete;
      expect(el).to.be.instanceOf(Late);
      expect(text(part(el, 'title')[0])).to.equal('Set before definition');
      expect([el.noVotes, el.theme, el.loading, el.timeout]).to.deep.equal([true, 'dark', 'eager', 1234]);
      expect(el.getAttribute('theme'), 'reflected').to.equal('dark');
      // The properties are live after the upgrade, not shadowed by the early values.
      el.feed = makeFeed({ title: 'Set after definition' });
      await el.updateComplete;
      expect(text(part(el, 'title')[0])).to.equal('Set after definition');
      el.remove();
    });

    it('reads attributes as typed properties and follows their changes', async () => {
      const el = await fixture<AiCompare>(
        html`<ai-compare no-votes live timeout="2500" vote-endpoint="/votes" loading="eager" .feed=${launch}></ai-compare>`,
      );
      expect([el.noVotes, el.live, el.timeout, el.voteEndpoint, el.loading]).to.deep.equal([true, true, 2500, '/votes', 'eager']);
      el.removeAttribute('no-votes');
      el.setAttribute('timeout', '400');
      expect([el.noVotes, el.timeout]).to.deep.equal([false, 400]);
    });

    it('reflects theme and density to their attributes, which page CSS can select', async () => {
      const el = await render(launch);
      expect([el.getAttribute('theme'), el.getAttribute('density')]).to.deep.equal(['auto', 'comfortable']);
      el.theme = 'dark';
      el.density = 'compact';
      await el.updateComplete;
      expect([el.getAttribute('theme'), el.getAttribute('density')]).to.deep.equal(['dark', 'compact']);
      expect(getComputedStyle(part(el, 'base')[0]).colorScheme).to.equal('dark');
    });

    it('draws several changes made together in one update', async () => {
      const el = await render(launch);
      let updates = 0;
      el.addController({ hostUpdated: () => updates++ });
      el.feed = makeFeed({ title: 'First' });
      el.feed = makeFeed({ title: 'Second' });
      el.theme = 'dark';
      await el.updateComplete;
      expect(text(part(el, 'title')[0])).to.equal('Second');
      expect(updates).to.equal(1);
    });

    it("keeps the widget's attributes in a subclass that declares properties of its own", async () => {
      const name = `ai-compare-extended-${Math.random().toString(36).slice(2)}`;
      const Base = customElements.get('ai-compare') as typeof AiCompare;
      customElements.define(
        name,
        class extends Base {
          static override properties = { badge: { reflect: true } };
        },
      );
      const el = document.createElement(name) as AiCompare & { badge?: string };
      el.setAttribute('no-votes', '');
      el.setAttribute('badge', 'new');
      el.feed = launch;
      document.body.append(el);
      await el.updateComplete;
      expect([el.noVotes, el.badge]).to.deep.equal([true, 'new']);
      expect(shadow(el).querySelectorAll('[part~="vote-button"]'), 'no vote buttons').to.have.length(0);
      el.setAttribute('theme', 'dark');
      expect(el.theme).to.equal('dark');
      el.remove();
    });

    it('gives a change made while it renders an update of its own', async () => {
      const name = `ai-compare-busy-${Math.random().toString(36).slice(2)}`;
      customElements.define(
        name,
        class extends (customElements.get('ai-compare') as typeof AiCompare) {
          protected override update(changed: Map<PropertyKey, unknown>): void {
            super.update(changed);
            if (this.density !== 'compact') this.density = 'compact';
          }
        },
      );
      const el = document.createElement(name) as AiCompare;
      el.feed = launch;
      document.body.append(el);
      await el.updateComplete;
      expect(el.getAttribute('density'), 'reflected by a second update').to.equal('compact');
      el.remove();
    });
  });

  describe('data sources', () => {
    it('renders from the feed property', async () => {
      const el = await render(launch);
      expect(el.state).to.equal('ready');
      expect(el.getAttribute('state')).to.equal('ready');
    });

    it('renders from an inline JSON script child', async () => {
      const el = await fixture<AiCompare>(html`
        <ai-compare>
          <script type="application/json">
            ${JSON.stringify(makeFeed({ title: 'Inline feed' }))}
          </script>
        </ai-compare>
      `);
      await el.updateComplete;
      expect(el.state).to.equal('ready');
      expect(text(part(el, 'title')[0])).to.equal('Inline feed');
    });

    it('renders from src', async () => {
      const { el, event } = await load(LAUNCH_FEED_URL);
      expect(event.type).to.equal('ai-compare-load');
      expect(text(part(el, 'title')[0])).to.equal('Cursor 1.0 vs SmolVLM2-2B');
    });

    it('prefers the feed property, then the inline script, then src', async () => {
      const el = await fixture<AiCompare>(html`
        <ai-compare src=${LAUNCH_FEED_URL} loading="eager">
          <script type="application/json">
            ${JSON.stringify(makeFeed({ title: 'Inline wins over src' }))}
          </script>
        </ai-compare>
      `);
      await el.updateComplete;
      expect(text(part(el, 'title')[0])).to.equal('Inline wins over src');
      el.feed = makeFeed({ title: 'Property wins over all' });
      await el.updateComplete;
      expect(text(part(el, 'title')[0])).to.equal('Property wins over all');
      el.feed = undefined;
      await el.updateComplete;
      expect(text(part(el, 'title')[0])).to.equal('Inline wins over src');
      el.querySelector('script')!.remove();
      await oneEvent(el, 'ai-compare-load');
      await el.updateComplete;
      expect(text(part(el, 'title')[0])).to.equal('Cursor 1.0 vs SmolVLM2-2B');
    });

    it('re-renders when the inline script changes', async () => {
      const el = await fixture<AiCompare>(html`
        <ai-compare><script type="application/json">${JSON.stringify(makeFeed({ title: 'First' }))}</script></ai-compare>
      `);
      el.querySelector('script')!.textContent = JSON.stringify(makeFeed({ title: 'Second' }));
      await until(() => text(part(el, 'title')[0]) === 'Second', 'the new inline feed');
    });

    it('re-renders when src changes and drops the superseded fetch', async () => {
      const el = await fixture<AiCompare>(html`<ai-compare loading="eager" src="/test-feed/slow"></ai-compare>`);
      const errors: Event[] = [];
      el.addEventListener('ai-compare-error', (event) => errors.push(event));
      el.src = LAUNCH_FEED_URL;
      await oneEvent(el, 'ai-compare-load');
      await aTimeout(2200); // past the moment the slow answer would have arrived
      expect(el.state).to.equal('ready');
      expect(errors).to.have.length(0);
      expect(text(part(el, 'title')[0])).to.equal('Cursor 1.0 vs SmolVLM2-2B');
    });

    it('resolves relative links against the feed URL', async () => {
      const { el } = await load('/tests/fixtures/nested/relative.json');
      const base = new URL('/tests/fixtures/nested/relative.json', location.href);
      const [one, two] = part(el, 'card');
      expect(one.querySelector<HTMLAnchorElement>('[part="tool-name"] a')!.href).to.equal(new URL('tools/one.html', base).href);
      expect(one.querySelector('img')!.getAttribute('src')).to.equal(new URL('/logos/one.png', base).href);
      expect(two.querySelector<HTMLAnchorElement>('[part="price"] a')!.href).to.equal(new URL('pricing.html', base).href);
      expect(part(el, 'header')[0].querySelector('a')!.href).to.equal(new URL('../about.html', base).href);
      expect((part(el, 'cta')[0] as HTMLAnchorElement).href).to.equal(new URL('?subscribe=1', base).href);
    });

    it('waits until it nears the viewport when loading is lazy', async () => {
      const spacer = document.createElement('div');
      spacer.style.height = '5000px';
      document.body.prepend(spacer);
      try {
        const el = document.createElement('ai-compare');
        el.src = LAUNCH_FEED_URL;
        document.body.append(el);
        await aTimeout(300);
        expect(el.state).to.equal('loading');
        const loaded = oneEvent(el, 'ai-compare-load');
        el.scrollIntoView();
        await loaded;
        expect(el.state).to.equal('ready');
      } finally {
        spacer.remove();
        window.scrollTo(0, 0);
      }
    });
  });

  describe('moving the element', () => {
    it('finishes loading after being moved while a fetch was in flight', async () => {
      const a = await fixture<HTMLDivElement>(html`<div><div id="a"></div><div id="b"></div></div>`);
      const el = document.createElement('ai-compare');
      el.loading = 'eager';
      el.src = LAUNCH_FEED_URL;
      a.querySelector('#a')!.append(el);
      await el.updateComplete;
      a.querySelector('#b')!.append(el); // disconnect + connect, as a framework re-parenting it
      await until(() => el.state === 'ready', 'the moved widget to load');
      expect(text(part(el, 'title')[0])).to.equal('Cursor 1.0 vs SmolVLM2-2B');
    });

    it('keeps waiting for the viewport after a lazy widget is moved, then loads', async () => {
      const spacer = document.createElement('div');
      spacer.style.height = '5000px';
      document.body.prepend(spacer);
      const holder = document.createElement('div');
      document.body.append(holder);
      try {
        const el = document.createElement('ai-compare');
        el.src = LAUNCH_FEED_URL;
        holder.append(el);
        await el.updateComplete;
        holder.append(el);
        await el.updateComplete;
        expect(el.state).to.equal('loading');
        el.scrollIntoView();
        await until(() => el.state === 'ready', 'the lazy widget to load after the move');
      } finally {
        spacer.remove();
        holder.remove();
        window.scrollTo(0, 0);
      }
    });

    it('keeps a rendered comparison when moved', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
      const el = await render(launch);
      let loads = 0;
      el.addEventListener('ai-compare-load', () => (loads += 1));
      wrapper.append(el);
      await el.updateComplete;
      expect(el.state).to.equal('ready');
      expect(loads).to.equal(0);
    });
  });

  describe('loading and fallback content', () => {
    it('shows the light-DOM fallback and a skeleton while loading, hides the fallback when ready', async () => {
      const el = await fixture<AiCompare>(
        html`<ai-compare src="/test-feed/slow" loading="eager"><a href="/post">Read the post</a></ai-compare>`,
      );
      expect(el.state).to.equal('loading');
      expect(el.getAttribute('state')).to.equal('loading');
      const slot = shadow(el).querySelector('slot')!;
      expect(slot.assignedElements().map((node) => node.textContent)).to.deep.equal(['Read the post']);
      expect(el.querySelector('a')!.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(part(el, 'skeleton')[0].getAttribute('aria-busy')).to.equal('true');
      el.feed = makeFeed();
      await el.updateComplete;
      expect(shadow(el).querySelector('slot')).to.equal(null);
      expect(el.querySelector('a')!.getBoundingClientRect().height).to.equal(0);
    });

    it('shares one request among widgets showing the same src', async () => {
      const src = `${LAUNCH_FEED_URL}?shared=${Math.random()}`;
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>${[1, 2, 3].map(() => html`<ai-compare loading="eager" src=${src}></ai-compare>`)}</div>`,
      );
      const widgets = [...wrapper.querySelectorAll('ai-compare')];
      await until(() => widgets.every((el) => el.state === 'ready'), 'three rendered widgets');
      const requests = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith(src));
      expect(requests.length).to.equal(1);
    });

    it('keeps a shared request going for the widgets still waiting when one leaves', async () => {
      const src = `/test-feed/slow?shared=${Math.random()}`;
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><ai-compare loading="eager" src=${src}></ai-compare><ai-compare loading="eager" src=${src}></ai-compare></div>`,
      );
      const [leaving, staying] = [...wrapper.querySelectorAll('ai-compare')];
      await staying.updateComplete;
      leaving.remove();
      const error = await oneEvent(staying, 'ai-compare-error');
      // The slow answer arrives (and is not a feed) instead of the request being cut off.
      expect((error as AiCompareErrorEvent).detail.code).to.equal('invalid');
    });

    it('reserves about the height of a comparison while loading, laid out like one', async () => {
      const feed = await launchFeed();
      for (const width of [900, 320]) {
        const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
        wrapper.style.width = `${width}px`;
        const el = document.createElement('ai-compare');
        el.loading = 'eager';
        el.src = '/test-feed/slow';
        wrapper.append(el);
        await el.updateComplete;
        const skeletonHeight = el.getBoundingClientRect().height;
        const [boneA, boneB] = [...shadow(el).querySelectorAll('.bone-card')].map((bone) => bone.getBoundingClientRect());
        el.feed = feed;
        await el.updateComplete;
        const height = el.getBoundingClientRect().height;
        const [cardA, cardB] = part(el, 'card').map((card) => card.getBoundingClientRect());
        // Never a gap left behind, and most of the page's jump taken up front.
        expect(skeletonHeight, `at ${width}px`).to.be.within(height * 0.4, height);
        // The placeholder cards sit as the real ones do: side by side when wide, stacked when narrow.
        expect(boneA.top === boneB.top, `at ${width}px`).to.equal(cardA.top === cardB.top);
      }
    });

    it('shows the fallback with the error panel', async () => {
      const el = await fixture<AiCompare>(html`
        <ai-compare><script type="application/json">{"broken": </script><a href="/post">Read the post</a></ai-compare>
      `);
      await el.updateComplete;
      expect(el.state).to.equal('error');
      expect(el.getAttribute('state')).to.equal('error');
      const panel = part(el, 'error')[0];
      expect(panel.getAttribute('role')).to.equal('alert');
      expect(shadow(el).querySelector('slot')!.assignedElements()).to.include(el.querySelector('a'));
      expect(el.querySelector('a')!.getBoundingClientRect().height).to.be.greaterThan(0);
    });
  });

  describe('events', () => {
    it('fires ai-compare-load with the validated feed', async () => {
      const { event } = await load(LAUNCH_FEED_URL);
      const detail = (event as CustomEvent).detail as { feed: { id: string; tools: { url: string }[] } };
      expect(event.bubbles && event.composed).to.equal(true);
      expect(detail.feed.id).to.equal('cursor-1-0-vs-smolvlm2-2b');
      expect(detail.feed.tools[0].url).to.equal('https://www.cursor.com/');
    });

    it('fires ai-compare-load for the feed property and bubbles to the document', async () => {
      const seen = oneEvent(document, 'ai-compare-load');
      const el = document.createElement('ai-compare');
      el.feed = makeFeed();
      document.body.append(el);
      const event = await seen;
      expect(event.detail.feed.id).to.equal('alpha-vs-beta');
    });

    const cases: [string, string, string | RegExp][] = [
      ['network', 'http://127.0.0.1:9/feed.json', /could not be fetched/],
      ['http', '/test-feed/status/500', 'The feed server answered 500.'],
      ['parse', '/test-feed/not-json', /not JSON/],
      ['too-large', '/test-feed/huge', /larger than/],
    ];
    for (const [code, src, message] of cases) {
      it(`fires ai-compare-error with code "${code}"`, async () => {
        const { el, event } = await load(src);
        const detail = (event as AiCompareErrorEvent).detail;
        expect(event.type).to.equal('ai-compare-error');
        expect(detail.code).to.equal(code);
        if (typeof message === 'string') expect(detail.message).to.equal(message);
        else expect(detail.message).to.match(message);
        expect(el.state).to.equal('error');
      });
    }

    it('stops reading an oversized feed that has no Content-Length', async () => {
      const { event } = await load('/test-feed/huge-chunked');
      expect((event as AiCompareErrorEvent).detail.code).to.equal('too-large');
    });

    it("counts an inline feed's size in bytes of UTF-8, not in characters", async () => {
      const withExtra = (filler: string) => {
        const el = document.createElement('ai-compare');
        const script = document.createElement('script');
        script.type = 'application/json';
        // 300,000 characters: 300,000 bytes of "e", 600,000 of "é" (the limit is 524,288).
        script.textContent = JSON.stringify({ ...makeFeed(), extra: filler.repeat(300_000) });
        el.append(script);
        return el;
      };
      const small = await fixture<AiCompare>(html`<div>${withExtra('e')}</div>`).then((div) => div.firstElementChild as AiCompare);
      await small.updateComplete;
      expect(small.state).to.equal('ready');
      const large = withExtra('é');
      const failed = oneEvent(large, 'ai-compare-error');
      await fixture(html`<div>${large}</div>`);
      expect((await failed).detail).to.deep.equal({ code: 'too-large', message: 'The feed is larger than 524288 bytes.' });
    });

    it('fires a timeout error when the feed is too slow', async () => {
      const { el, event } = await load('/test-feed/slow', 300);
      expect((event as AiCompareErrorEvent).detail.code).to.equal('timeout');
      expect(text(part(el, 'error')[0])).to.contain('took too long');
    });

    it('fires an invalid error naming the first bad path', async () => {
      const feed = clone(launch) as Json & { tools: Json[] };
      feed.tools[1].url = 'javascript:alert(1)';
      const seen = oneEvent(document, 'ai-compare-error');
      const el = await render(feed);
      const event = await seen;
      expect(event.detail).to.deep.equal({
        code: 'invalid',
        path: 'tools[1].url',
        message: 'tools[1].url: only http(s) links are allowed',
        problems: [{ path: 'tools[1].url', message: 'only http(s) links are allowed' }],
      });
      // The path is for the publisher (event, console); readers get a sentence.
      expect(text(part(el, 'error')[0])).not.to.contain('tools[1].url');
      expect(part(el, 'card')).to.have.length(0);
    });

    it('names an unsupported schema version', async () => {
      const seen = oneEvent(document, 'ai-compare-error');
      const el = await render(makeFeed({ schemaVersion: 2 }));
      const { detail } = await seen;
      expect(detail.path).to.equal('schemaVersion');
      expect(detail.message).to.equal('schemaVersion: unsupported schema version (this widget reads version 1)');
      expect(text(part(el, 'error')[0])).to.contain('The feed does not follow the comparison format.');
    });

    it('does not fire again for re-renders of the same feed', async () => {
      const el = await render(makeFeed());
      let loads = 0;
      el.addEventListener('ai-compare-load', () => (loads += 1));
      el.theme = 'dark';
      el.requestUpdate();
      await el.updateComplete;
      expect(loads).to.equal(0);
    });
  });

  describe('errors', () => {
    it('shows a short readable message for readers', async () => {
      const { el } = await load('/test-feed/status/404');
      const panel = part(el, 'error')[0];
      expect(text(panel)).to.contain('This comparison could not be loaded.');
      expect(text(panel)).to.contain('The feed server answered 404.');
    });

    it('never breaks the host page', async () => {
      let host!: HTMLDivElement;
      const errors = await uncaughtDuring(async () => {
        host = await fixture<HTMLDivElement>(html`
          <div>
            <p id="before">Article text before</p>
            <ai-compare .feed=${{ tools: 'nope' }}></ai-compare>
            <ai-compare .feed=${null}></ai-compare>
            <ai-compare><script type="application/json">[1, 2</script></ai-compare>
            <ai-compare src="http://[" loading="eager"><a href="/post">Read the post</a></ai-compare>
            <p id="after">Article text after</p>
          </div>
        `);
      });
      expect(errors).to.deep.equal([]);
      expect(host.querySelector('#after')!.getBoundingClientRect().height).to.be.greaterThan(0);
      const widgets = [...host.querySelectorAll('ai-compare')];
      expect(widgets.map((w) => w.state)).to.deep.equal(['error', 'loading', 'error', 'error']);
      expect(text(part(widgets[3], 'error')[0])).to.contain('The feed could not be reached.');
      expect(widgets[3].querySelector('a')!.getBoundingClientRect().height).to.be.greaterThan(0);
    });

    it('recovers when a broken feed is replaced by a valid one', async () => {
      const el = await render({ schemaVersion: 1 });
      expect(el.state).to.equal('error');
      el.feed = makeFeed();
      await el.updateComplete;
      expect(el.state).to.equal('ready');
      expect(part(el, 'error')).to.have.length(0);
    });
  });

  describe('strict Content-Security-Policy', () => {
    it('renders the built bundle without a single policy violation', async () => {
      const frame = document.createElement('iframe');
      frame.style.width = '800px';
      frame.style.height = '600px';
      frame.src = '/test-feed/csp-page.html';
      document.body.append(frame);
      try {
        await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
        const page = frame.contentWindow as Window & { violations?: string[]; inlineScriptRan?: boolean };
        const widget = () => frame.contentDocument!.querySelector('ai-compare') as AiCompare | null;
        await until(() => widget()?.state === 'ready', 'the widget under CSP');
        // The policy is really on: the page's own inline script was blocked (and reported; the
        // report is an event of its own, which may come after the widget is ready).
        expect(page.inlineScriptRan).to.equal(undefined);
        await until(() => page.violations!.length > 0, 'the report of the blocked inline script');
        expect(page.violations!.filter((v) => !v.includes('inline'))).to.deep.equal([]);
        expect(page.violations!.length).to.equal(1);
        // Styles and bar lengths still apply (constructable sheets and the CSSOM are allowed).
        const el = widget()!;
        const bar = el.shadowRoot!.querySelector<HTMLElement>('[part="community-score"] .bar > span')!;
        const track = bar.parentElement!.getBoundingClientRect().width;
        expect(bar.getBoundingClientRect().width / track).to.be.closeTo(0.75, 0.02);
        expect(text(el.shadowRoot!.querySelector('[part="title"]'))).to.equal('Under a strict policy');
      } finally {
        frame.remove();
      }
    });
  });

  describe('keyboard', () => {
    it('toggles a quote with the keyboard and shows a visible focus ring', async () => {
      const el = await render(launch);
      const toggle = buttonNamed(el, /^Read more/);
      toggle.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    });

    it('draws a focus outline on keyboard focus', async () => {
      const page = await fixture<HTMLDivElement>(
        html`<div><button id="before">Before</button><ai-compare .feed=${launch}></ai-compare></div>`,
      );
      const el = page.querySelector('ai-compare')!;
      await el.updateComplete;
      page.querySelector<HTMLButtonElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      const focused = shadow(el).activeElement as HTMLElement;
      expect(text(focused)).to.equal('Weekly AI Tool Verdicts');
      const style = getComputedStyle(focused);
      expect(style.outlineStyle).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    });
  });

  describe('layout', () => {
    async function atWidth(width: number) {
      const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
      wrapper.style.width = `${width}px`;
      const el = document.createElement('ai-compare');
      el.feed = launch;
      wrapper.append(el);
      await el.updateComplete;
      return el;
    }

    it('puts the cards side by side when there is room', async () => {
      const el = await atWidth(900);
      const [a, b] = part(el, 'card').map((card) => card.getBoundingClientRect());
      expect(Math.abs(a.top - b.top)).to.be.below(1);
      expect(b.left).to.be.greaterThan(a.right);
    });

    it('stacks the cards in a phone-width column without horizontal scroll', async () => {
      const el = await atWidth(320);
      const [a, b] = part(el, 'card').map((card) => card.getBoundingClientRect());
      expect(b.top).to.be.at.least(a.bottom);
      const frame = part(el, 'base')[0];
      expect(frame.scrollWidth).to.be.at.most(frame.clientWidth);
      expect(el.getBoundingClientRect().width).to.equal(320);
      for (const node of shadow(el).querySelectorAll('*')) {
        expect(node.getBoundingClientRect().right, (node as Element).tagName).to.be.at.most(el.getBoundingClientRect().right + 0.5);
      }
    });

    it('inherits the page font by default', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="font-family: monospace"></div>`);
      const el = document.createElement('ai-compare');
      el.feed = makeFeed();
      wrapper.append(el);
      await el.updateComplete;
      expect(getComputedStyle(part(el, 'title')[0]).fontFamily).to.equal(getComputedStyle(wrapper).fontFamily);
    });
  });

  describe('theming', () => {
    const background = (el: AiCompare) => getComputedStyle(part(el, 'base')[0]).backgroundColor;

    it('switches between light and dark with the theme attribute', async () => {
      const el = await render(launch);
      el.theme = 'light';
      await el.updateComplete;
      const light = background(el);
      el.theme = 'dark';
      await el.updateComplete;
      const dark = background(el);
      expect(light).to.equal('rgb(255, 255, 255)');
      expect(dark).to.equal('rgb(15, 23, 42)');
      expect(el.getAttribute('theme')).to.equal('dark');
    });

    it('follows the system color scheme with theme="auto"', async () => {
      const el = await render(launch);
      expect(el.theme).to.equal('auto');
      const prefersDark = matchMedia('(prefers-color-scheme: dark)').matches;
      expect(background(el)).to.equal(prefersDark ? 'rgb(15, 23, 42)' : 'rgb(255, 255, 255)');
    });

    it('reads --ai-compare-* tokens set on :root', async () => {
      document.documentElement.style.setProperty('--ai-compare-accent', 'rgb(1, 2, 3)');
      const el = await render(launch);
      expect(getComputedStyle(part(el, 'cta')[0]).backgroundColor).to.equal('rgb(1, 2, 3)');
    });

    it('reads tokens set on the element, which win over :root', async () => {
      document.documentElement.style.setProperty('--ai-compare-accent', 'rgb(1, 2, 3)');
      const el = await render(launch);
      el.style.setProperty('--ai-compare-accent', 'rgb(4, 5, 6)');
      el.style.setProperty('--ai-compare-background', 'rgb(7, 8, 9)');
      el.style.setProperty('--ai-compare-radius', '3px');
      el.style.setProperty('--ai-compare-ship', 'rgb(0, 100, 0)');
      el.style.setProperty('--ai-compare-font-family', 'serif');
      expect(getComputedStyle(part(el, 'cta')[0]).backgroundColor).to.equal('rgb(4, 5, 6)');
      expect(background(el)).to.equal('rgb(7, 8, 9)');
      expect(getComputedStyle(part(el, 'card')[0]).borderTopLeftRadius).to.equal('3px');
      expect(getComputedStyle(part(el, 'verdict')[0]).color).to.equal('rgb(0, 100, 0)');
      expect(getComputedStyle(part(el, 'title')[0]).fontFamily).to.equal('serif');
    });

    it('exposes every documented part', async () => {
      const el = await render(launch);
      el.voteEndpoint = 'http://127.0.0.1:9/votes';
      await el.updateComplete;
      for (const name of [
        'base',
        'header',
        'title',
        'card',
        'tool-name',
        'panel-score',
        'community-score',
        'price',
        'scorecard',
        'verdict',
        'quote',
        'vote-button',
        'results',
        'cta',
      ]) {
        expect(part(el, name).length, name).to.be.greaterThan(0);
      }
    });

    it('lets ::part() restyle the title', async () => {
      const style = document.createElement('style');
      style.textContent = 'ai-compare.parted::part(title) { text-transform: uppercase; }';
      document.head.append(style);
      try {
        const el = await fixture<AiCompare>(html`<ai-compare class="parted" .feed=${launch}></ai-compare>`);
        expect(getComputedStyle(part(el, 'title')[0]).textTransform).to.equal('uppercase');
      } finally {
        style.remove();
      }
    });
  });
});
