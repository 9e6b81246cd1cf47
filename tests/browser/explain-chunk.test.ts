import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import { part, text } from '../helpers/dom.js';
import { makeFeed } from '../helpers/feeds.js';

// This file runs in a page of its own, so the chunk that words a bad feed has not been loaded before it.
describe('<ai-compare> when the words for a bad feed cannot be loaded', () => {
  before(() => {
    document.cookie = 'block-explain-chunk=1; path=/';
  });

  after(() => {
    document.cookie = 'block-explain-chunk=; path=/; max-age=0';
    fixtureCleanup();
  });

  it('still shows the error panel and tells the page which error it was', async () => {
    const el = document.createElement('ai-compare') as AiCompare;
    const failed = oneEvent(el, 'ai-compare-error');
    el.feed = makeFeed({ title: '' });
    await fixture(html`<div>${el}</div>`);
    const { detail } = await failed;
    expect(detail).to.include({ code: 'invalid' });
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(text(part(el, 'error')[0])).to.contain('This comparison could not be loaded.');
  });
});
