/**
 * Feeds that fail: every failure frees the network (no answer left half-read), hostile data
 * becomes a clean `invalid` error instead of an uncaught exception, and strict hosts that enforce
 * Trusted Types can load the bundle twice.
 */
import { expect, fixtureCleanup, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import type { AiCompareErrorEvent } from '../../src/events.js';
import { failing, text, uncaughtDuring, until } from '../helpers/dom.js';
import { launchFeed } from '../helpers/feeds.js';

/** Whether the test server saw the client hang up on the endless answer `id` before its end. */
async function hungUp(id: string): Promise<boolean> {
  const response = await fetch(`/test-feed/hung-up/${id}`);
  return ((await response.json()) as { closedEarly: boolean | null }).closedEarly === true;
}

/** The launch feed as JSON text with `extra` nested `depth` deep (built as text: some engines' JSON.stringify recurses). */
async function deepFeedText(depth: number): Promise<string> {
  const launch = JSON.stringify(await launchFeed());
  return `${launch.slice(0, -1)},"extra":${'{"a":'.repeat(depth)}"leaf"${'}'.repeat(depth)}}`;
}

describe('<ai-compare> feed failures', () => {
  afterEach(() => {
    fixtureCleanup();
    for (const el of document.querySelectorAll('body > ai-compare, body > iframe')) el.remove();
  });

  describe('the network goes idle after every error', () => {
    const cases: [kind: string, code: string, timeout?: number][] = [
      ['404', 'http'],
      ['500', 'http'],
      ['too-large', 'too-large'],
      ['ok', 'timeout', 300],
    ];
    for (const [kind, code, timeout] of cases) {
      it(`hangs up on an endless ${kind} answer (${code})`, async () => {
        const id = `${kind}-${Math.random().toString(36).slice(2)}`;
        const { el, event } = await failing(`/test-feed/endless/${kind}/${id}`, timeout);
        expect(event.detail.code).to.equal(code);
        expect(el.state).to.equal('error');
        // The server streams for 20 s; only a cancelled body ends the connection this soon.
        const deadline = Date.now() + 4000;
        while (!(await hungUp(id))) {
          if (Date.now() > deadline) throw new Error(`the ${kind} answer was left open`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      });
    }
  });

  describe('hostile data', () => {
    for (const depth of [5_000, 80_000]) {
      it(`shows a clean invalid error for an inline feed nested ${depth} deep`, async () => {
        const feed = await deepFeedText(depth);
        let el!: AiCompare;
        let event!: AiCompareErrorEvent;
        const errors = await uncaughtDuring(async () => {
          el = document.createElement('ai-compare');
          const script = document.createElement('script');
          script.type = 'application/json';
          script.textContent = feed;
          el.append(script);
          const error = oneEvent(el, 'ai-compare-error') as Promise<AiCompareErrorEvent>;
          document.body.append(el);
          event = await error;
          await el.updateComplete;
        });
        expect(errors).to.deep.equal([]);
        expect(el.state).to.equal('error');
        expect(el.getAttribute('state')).to.equal('error');
        expect(event.detail.code).to.equal('invalid');
        // Where the engine's JSON parser itself gives up first, the path is the whole feed.
        expect(event.detail.message).to.match(/^(extra(\.a)+|feed): is nested more than 32 levels deep$/);
        expect(text(el.shadowRoot!.querySelector('[part="error"]'))).to.not.equal('');
      });
    }

    it('turns a feed object that throws when read into an invalid error', async () => {
      const feed = await launchFeed();
      Object.defineProperty(feed, 'title', {
        enumerable: true,
        get() {
          throw new Error('not today');
        },
      });
      let el!: AiCompare;
      let event!: AiCompareErrorEvent;
      const errors = await uncaughtDuring(async () => {
        el = document.createElement('ai-compare');
        const error = oneEvent(el, 'ai-compare-error') as Promise<AiCompareErrorEvent>;
        el.feed = feed;
        document.body.append(el);
        event = await error;
        await el.updateComplete;
      });
      expect(errors).to.deep.equal([]);
      expect(el.state).to.equal('error');
      expect(event.detail).to.include({ code: 'invalid', message: 'feed: could not be read: not today' });
    });
  });

  describe('Trusted Types', () => {
    async function page(query = '') {
      const frame = document.createElement('iframe');
      frame.src = `/test-feed/trusted-types.html${query}`;
      document.body.append(frame);
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const win = frame.contentWindow as Window & { violations: string[]; pageErrors: string[]; trustedTypes?: unknown };
      return { win, widget: () => frame.contentDocument!.querySelector('ai-compare') as AiCompare | null };
    }

    it('renders with the bundle loaded twice under require-trusted-types-for, with no violation', async () => {
      const { win, widget } = await page();
      await until(() => widget()?.state === 'ready', 'the widget under Trusted Types');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(win.violations).to.deep.equal([]);
      expect(win.pageErrors).to.deep.equal([]);
      expect(text(widget()!.shadowRoot!.querySelector('[part="title"]'))).to.equal('Under a strict policy');
    });

    it('needs allow-duplicates: where the browser enforces Trusted Types, the second copy is refused without it', async () => {
      const { win, widget } = await page('?strict');
      await until(() => widget()?.state === 'ready', 'the first copy');
      if ('trustedTypes' in window) {
        await until(() => win.violations.length + win.pageErrors.length > 0, 'the refusal of the second policy');
        expect([...win.violations, ...win.pageErrors].join(' ')).to.match(/trusted-types|lit-html|policy/i);
      } else {
        // No Trusted Types in this engine: the header is ignored and nothing is refused.
        expect([...win.violations, ...win.pageErrors]).to.deep.equal([]);
      }
    });
  });
});
