import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import type { AiCompareErrorEvent } from '../../src/events.js';
import { parseFeed } from '../../contract/feed-schema.js';
import { en } from '../../src/i18n/en.js';
import { anyFeed } from '../helpers/feed-arbitraries.js';
import { part, text } from '../helpers/dom.js';
import { launchFeed } from '../helpers/feeds.js';

describe('<ai-compare> under generated feeds', () => {
  it('renders or shows a clean error for every one of 2,000 arbitrary and mutated feeds', async () => {
    const launch = await launchFeed();
    // One element takes every case in turn, as a page that keeps changing `feed` would.
    const el = await fixture<AiCompare>(html`<ai-compare no-votes></ai-compare>`);
    const announced: AiCompareErrorEvent[] = [];
    el.addEventListener('ai-compare-error', (event) => announced.push(event));
    const uncaught: string[] = [];
    const onError = (event: ErrorEvent) => uncaught.push(event.message);
    const onRejection = (event: PromiseRejectionEvent) => uncaught.push(String(event.reason));
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    // Publishers get every invalid feed's problems in the console: counted here, not printed.
    const consoleError = console.error;
    let logged = 0;
    console.error = () => void (logged += 1);
    let valid = 0;
    let invalid = 0;
    let previous: unknown;
    try {
      await fc.assert(
        fc.asyncProperty(anyFeed(launch), async (data) => {
          announced.length = 0;
          // The same primitive again is no change at all: nothing re-renders, nothing is announced.
          const unchanged = Object.is(data, previous);
          previous = data;
          (el as { feed: unknown }).feed = data;
          await el.updateComplete;
          // The schema (the one definition of the format) says what the reader must see.
          const expected = parseFeed(data, document.baseURI);
          if (expected.ok) {
            valid += 1;
            expect(el.state).to.equal('ready');
            expect(el.getAttribute('state')).to.equal('ready');
            expect(part(el, 'title')[0].textContent).to.equal(expected.feed.title);
            expect(part(el, 'card')).to.have.length(2);
            expect(part(el, 'error')).to.have.length(0);
          } else {
            invalid += 1;
            const [first] = expected.problems;
            expect(el.state).to.equal('error');
            expect(part(el, 'card')).to.have.length(0);
            const [shown] = part(el, 'error');
            expect(text(shown)).to.contain(en.errorTitle);
            if (!unchanged) {
              expect(announced).to.have.length(1);
              expect(announced[0].detail.code).to.equal('invalid');
              expect(announced[0].detail.message).to.equal(`${first.path}: ${first.message}`);
            }
          }
        }),
        { numRuns: 2000 },
      );
    } finally {
      console.error = consoleError;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
    expect(uncaught).to.deep.equal([]);
    // Both sides of the property were exercised, not only refusals.
    expect(valid).to.be.greaterThan(200);
    expect(invalid).to.be.greaterThan(200);
    expect(logged).to.be.greaterThan(0);
  }).timeout(120_000);
});
