import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import { launchFeed } from '../helpers/feeds.js';
import { part, text } from '../helpers/dom.js';

describe('smoke', () => {
  it('renders the launch title', async () => {
    const feed = await launchFeed();
    const el = await fixture<AiCompare>(html`<ai-compare .feed=${feed}></ai-compare>`);
    expect(el.state).to.equal('ready');
    expect(text(part(el, 'title')[0])).to.equal('Cursor 1.0 vs SmolVLM2-2B');
    await expect(el).to.be.accessible();
  });
});
