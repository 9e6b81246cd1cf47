/**
 * A widget whose language's words load on demand draws nothing until they are here. Until then
 * it must not say it is ready, nor announce its feed: a host's layout and scripts go by both.
 * (A file of its own: the words load once per page, and the first load is the one to watch.)
 */
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import { until } from '../helpers/dom.js';
import { makeFeed } from '../helpers/feeds.js';

describe('a widget in a language whose words load on demand', () => {
  it('is loading, with its place kept, until the comparison is drawn; then ready and announced', async () => {
    const article = document.createElement('article');
    article.lang = 'fr';
    document.body.append(article);
    const el = document.createElement('ai-compare') as AiCompare;
    const drawn = () => Boolean(el.shadowRoot?.querySelector('[part~="title"]'));
    const seen: string[] = [];
    new MutationObserver(() => seen.push(`${el.getAttribute('state')}, property ${el.state}, drawn ${drawn()}`)).observe(el, {
      attributeFilter: ['state'],
    });
    const announced = new Promise<boolean>((resolve) => el.addEventListener('ai-compare-load', () => resolve(drawn())));
    el.feed = makeFeed({ updated: '2026-11-23' });
    article.append(el);
    try {
      await new Promise((resolve) => setTimeout(resolve));
      if (!drawn()) expect(el.state, 'the property, while nothing is drawn').to.equal('loading');
      expect(await announced, 'drawn when announced').to.equal(true);
      await el.updateComplete;
      expect(seen.at(-1)).to.equal('ready, property ready, drawn true');
      for (const entry of seen) if (entry.startsWith('ready')) expect(entry).to.equal('ready, property ready, drawn true');
      expect(el.shadowRoot?.textContent).to.include('Mis à jour le 23 novembre 2026');

      // The page switches language: the French comparison stays on screen, and ready, until the
      // Spanish words are here.
      seen.length = 0;
      article.lang = 'es';
      await until(() => Boolean(el.shadowRoot?.textContent?.includes('Actualizado')), 'the Spanish words');
      expect(seen.filter((entry) => !entry.startsWith('ready'))).to.deep.equal([]);
      expect(el.getAttribute('state')).to.equal('ready');
    } finally {
      article.remove();
    }
  });
});
