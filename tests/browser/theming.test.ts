import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import type { FeedInput } from '../../contract/feed-schema.js';
import { part, shadow, until } from '../helpers/dom.js';
import { launchFeed, makeFeed } from '../helpers/feeds.js';

const LIGHT_BACKGROUND = 'rgb(255, 255, 255)';
const DARK_BACKGROUND = 'rgb(15, 23, 42)';

/** A feed that draws everything a token colours: summary, source link, both verdicts, results, CTA. */
const fullFeed = () =>
  makeFeed({
    summary: 'A summary line.',
    source: { name: 'Source', url: 'https://example.com/' },
    community: { alpha: 3, beta: 1 },
    cta: { title: 'Subscribe', url: 'https://example.com/subscribe' },
  });

async function render(feed: FeedInput = fullFeed(), attributes: Record<string, string> = {}): Promise<AiCompare> {
  const el = document.createElement('ai-compare');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.feed = feed;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const style = (node: Element | null | undefined) => getComputedStyle(node as Element);
const one = (el: AiCompare, selector: string) => shadow(el).querySelector(selector);
const base = (el: AiCompare) => part(el, 'base')[0];

/** Waits for the next frame, so a mutation observer's callback and the re-render have run. */
async function settled(el: AiCompare): Promise<void> {
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await el.updateComplete;
}

describe('<ai-compare> theming', () => {
  afterEach(() => {
    fixtureCleanup();
    for (const el of document.querySelectorAll('body > ai-compare')) el.remove();
    for (const root of [document.documentElement, document.body]) {
      root.classList.remove('dark', 'light');
      delete root.dataset.theme;
      delete root.dataset.colorScheme;
      root.style.removeProperty('color-scheme');
      for (const name of [...root.style].filter((name) => name.startsWith('--ai-compare-'))) root.style.removeProperty(name);
    }
    document.getElementById('part-styles')?.remove();
  });

  describe('accessibility', () => {
    it('is accessible in a custom theme', async () => {
      const el = await render(await launchFeed());
      Object.assign(el.style, {});
      for (const [name, value] of Object.entries(NEON)) el.style.setProperty(name, value);
      await expect(el).to.be.accessible();
    });
  });

  describe('tokens', () => {
    // Each public colour token, and one thing it visibly paints.
    const painted: [token: string, selector: string, property: keyof CSSStyleDeclaration][] = [
      ['--ai-compare-accent', '[part="cta"]', 'backgroundColor'],
      ['--ai-compare-on-accent', '[part="cta"]', 'color'],
      ['--ai-compare-second', '.split-bar.tool-1', 'backgroundColor'],
      ['--ai-compare-background', '[part="base"]', 'backgroundColor'],
      ['--ai-compare-surface', '[part="card"]', 'backgroundColor'],
      ['--ai-compare-text', '[part="title"]', 'color'],
      ['--ai-compare-muted', '.summary', 'color'],
      ['--ai-compare-border', '[part="card"]', 'borderTopColor'],
      ['--ai-compare-ship', '.verdict.ship', 'color'],
      ['--ai-compare-skip', '.verdict.skip', 'color'],
    ];

    for (const [token, selector, property] of painted) {
      it(`${token} colours ${selector}`, async () => {
        const el = await render();
        const before = style(one(el, selector))[property];
        el.style.setProperty(token, 'rgb(1, 2, 3)');
        expect(style(one(el, selector))[property]).to.equal('rgb(1, 2, 3)');
        expect(before).not.to.equal('rgb(1, 2, 3)');
      });
    }

    it('--ai-compare-focus-ring colours the keyboard focus ring', async () => {
      const page = await fixture<HTMLDivElement>(
        html`<div><button id="before">Before</button><ai-compare .feed=${fullFeed()}></ai-compare></div>`,
      );
      const el = page.querySelector('ai-compare')!;
      await el.updateComplete;
      el.style.setProperty('--ai-compare-focus-ring', 'rgb(200, 0, 100)');
      page.querySelector<HTMLButtonElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      const focused = shadow(el).activeElement;
      expect(focused).to.exist;
      expect(style(focused).outlineColor).to.equal('rgb(200, 0, 100)');
    });

    it('font, heading font, radius and spacing are tokens too', async () => {
      const el = await render();
      const gap = parseFloat(style(base(el)).rowGap);
      el.style.setProperty('--ai-compare-font-family', 'Georgia, serif');
      el.style.setProperty('--ai-compare-heading-font-family', '"Courier New", monospace');
      el.style.setProperty('--ai-compare-radius', '3px');
      el.style.setProperty('--ai-compare-space', '2rem');
      expect(style(one(el, '.summary')).fontFamily).to.contain('Georgia');
      expect(style(part(el, 'title')[0]).fontFamily).to.contain('Courier New');
      expect(style(base(el)).borderTopLeftRadius).to.equal('3px');
      expect(parseFloat(style(base(el)).rowGap)).to.be.closeTo(gap * 2, 0.5);
    });

    it('reads tokens set on :root as well as on the element', async () => {
      document.documentElement.style.setProperty('--ai-compare-second', 'rgb(4, 5, 6)');
      const el = await render();
      expect(style(one(el, '.split-bar.tool-1')).backgroundColor).to.equal('rgb(4, 5, 6)');
      el.style.setProperty('--ai-compare-second', 'rgb(7, 8, 9)');
      expect(style(one(el, '.split-bar.tool-1')).backgroundColor).to.equal('rgb(7, 8, 9)');
    });

    it('takes a light-dark() pair in a token, resolved for the scheme the widget draws in', async () => {
      document.documentElement.style.setProperty('--ai-compare-accent', 'light-dark(rgb(10, 20, 30), rgb(200, 210, 220))');
      const light = await render(fullFeed(), { theme: 'light' });
      const dark = await render(fullFeed(), { theme: 'dark' });
      expect(style(part(light, 'cta')[0]).backgroundColor).to.equal('rgb(10, 20, 30)');
      expect(style(part(dark, 'cta')[0]).backgroundColor).to.equal('rgb(200, 210, 220)');
    });
  });

  describe('parts', () => {
    it('every documented part can be styled from the page', async () => {
      const sheet = document.createElement('style');
      sheet.id = 'part-styles';
      const parts = ['base', 'header', 'title', 'card', 'tool-name', 'panel-score', 'community-score', 'price',
        'scorecard', 'verdict', 'quote', 'results', 'cta', 'skeleton', 'error'];
      sheet.textContent = parts.map((name) => `ai-compare::part(${name}) { outline: 2px dotted rgb(9, 8, 7); }`).join('\n');
      document.head.append(sheet);
      const ready = await render(await launchFeed());
      const loading = await fixture<AiCompare>(html`<ai-compare src="/test-feed/slow" loading="eager"></ai-compare>`);
      const broken = await render({ schemaVersion: 1 } as unknown as FeedInput);
      for (const name of parts) {
        const found = [ready, loading, broken].flatMap((el) => part(el, name));
        expect(found.length, `part ${name} is rendered`).to.be.greaterThan(0);
        for (const node of found) expect(style(node).outlineColor, `part ${name}`).to.equal('rgb(9, 8, 7)');
      }
    });
  });

  describe('density', () => {
    it('compact tightens spacing and type', async () => {
      const comfortable = await render();
      const compact = await render(fullFeed(), { density: 'compact' });
      expect(parseFloat(style(base(compact)).rowGap)).to.be.lessThan(parseFloat(style(base(comfortable)).rowGap));
      expect(parseFloat(style(part(compact, 'card')[0]).paddingTop)).to.be.lessThan(
        parseFloat(style(part(comfortable, 'card')[0]).paddingTop),
      );
      expect(parseFloat(style(one(compact, '.summary')).fontSize)).to.be.lessThan(
        parseFloat(style(one(comfortable, '.summary')).fontSize),
      );
    });

    it('compact fits a 280 px sidebar without horizontal scrolling', async () => {
      const column = await fixture<HTMLDivElement>(
        html`<div style="width: 280px"><ai-compare density="compact" .feed=${await launchFeed()}></ai-compare></div>`,
      );
      const el = column.querySelector('ai-compare')!;
      await el.updateComplete;
      expect(el.density).to.equal('compact');
      const frame = base(el);
      expect(frame.scrollWidth).to.be.at.most(frame.clientWidth);
      expect(frame.getBoundingClientRect().width).to.be.at.most(280);
    });
  });

  describe('host page scheme', () => {
    const background = (el: AiCompare) => style(base(el)).backgroundColor;

    for (const [how, declare] of [
      ['a dark class on <html>', () => document.documentElement.classList.add('dark')],
      ['a dark class on <body>', () => document.body.classList.add('dark')],
      ['data-theme on <html>', () => (document.documentElement.dataset.theme = 'dark')],
      ['data-color-scheme on <body>', () => (document.body.dataset.colorScheme = 'dark')],
      ['color-scheme on the root', () => document.documentElement.style.setProperty('color-scheme', 'dark')],
    ] as const) {
      it(`turns dark, live, when the page declares it with ${how}`, async () => {
        document.documentElement.classList.add('light');
        const el = await render();
        expect(background(el)).to.equal(LIGHT_BACKGROUND);
        document.documentElement.classList.remove('light');
        declare();
        await until(() => background(el) === DARK_BACKGROUND, `a dark widget after ${how}`);
      });
    }

    it('turns light again when the page flips back', async () => {
      document.documentElement.dataset.theme = 'dark';
      const el = await render();
      expect(background(el)).to.equal(DARK_BACKGROUND);
      document.documentElement.dataset.theme = 'light';
      await settled(el);
      expect(background(el)).to.equal(LIGHT_BACKGROUND);
    });

    it('leaves the widget alone when the page changes an unrelated class or style', async () => {
      const el = await render();
      let updates = 0;
      const request = el.requestUpdate.bind(el);
      el.requestUpdate = (...args: Parameters<typeof request>) => {
        updates += 1;
        request(...args);
      };
      document.body.classList.add('menu-open');
      document.documentElement.style.setProperty('overflow', 'hidden');
      await settled(el);
      expect(updates).to.equal(0);
      document.body.classList.add('dark');
      await settled(el);
      expect(updates).to.be.greaterThan(0);
      document.body.classList.remove('menu-open');
      document.documentElement.style.removeProperty('overflow');
    });

    it('an explicit theme wins over the page', async () => {
      document.documentElement.classList.add('dark');
      const el = await render(fullFeed(), { theme: 'light' });
      expect(background(el)).to.equal(LIGHT_BACKGROUND);
      el.theme = 'auto';
      await el.updateComplete;
      expect(background(el)).to.equal(DARK_BACKGROUND);
    });

    it('is accessible when the page is dark', async () => {
      document.documentElement.classList.add('dark');
      const el = await render(await launchFeed());
      expect(background(el)).to.equal(DARK_BACKGROUND);
      await expect(el).to.be.accessible();
    });
  });
});

/** A neon dark theme, as the playground offers it. */
const NEON: Record<string, string> = {
  '--ai-compare-background': '#0b0f1a',
  '--ai-compare-surface': '#121a2b',
  '--ai-compare-text': '#e6f1ff',
  '--ai-compare-muted': '#9fb3c8',
  '--ai-compare-border': '#24324a',
  '--ai-compare-accent': '#39ff14',
  '--ai-compare-on-accent': '#0b0f1a',
  '--ai-compare-second': '#ff4ecd',
  '--ai-compare-ship': '#39ff14',
  '--ai-compare-skip': '#ff6b6b',
};
