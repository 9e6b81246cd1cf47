// Prerendered markup (the reference server's comparison page) before and after the widget's
// script runs.
// This file must not import the element up front: the markup is first seen as the browser
// alone draws it, then the element is defined and takes over.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { AiCompare } from '../../src/ai-compare.js';
import { castVote } from '../../src/votes/vote-client.js';
import { buttonNamed, part, shadow, text, until } from '../helpers/dom.js';

const COMPARISON = 'cursor-1-0-vs-smolvlm2-2b';

/** What a reader sees, element by element: position, size, text and colours. */
function appearance(el: AiCompare): string[] {
  // The prerendered <style> gives way to the same adopted stylesheet; it draws nothing itself.
  return [el, ...shadow(el).querySelectorAll(':not(style)')].map((node) => {
    const box = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    const ownText = [...node.childNodes]
      .filter((child) => child.nodeType === Node.TEXT_NODE)
      .map((child) => child.textContent)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    return [
      node.localName,
      node.getAttribute('part') ?? '',
      [box.x, box.y, box.width, box.height].map((n) => n.toFixed(1)).join(','),
      ownText,
      style.color,
      style.backgroundColor,
      style.display,
    ].join(' | ');
  });
}

describe('<ai-compare> prerendered', () => {
  let server: string;
  let host: HTMLElement;

  before(async () => {
    // The tallies are seeded by plain POSTs, without the vote token a widget fetches first.
    const url = await executeServerCommand<string, { env: Record<string, string> }>('start-vote-server', {
      env: { VOTE_PROOF: 'off' },
    });
    if (!url) throw new Error('the vote server did not start');
    server = url;
    const endpoint = `${server}/api/comparisons/${COMPARISON}/votes`;
    // Other readers vote through the same client as the widget (vote tokens included).
    for (const [index, toolId] of ['cursor-1-0', 'smolvlm2-2b', 'smolvlm2-2b'].entries()) {
      await castVote(endpoint, `prerendered-reader-${index}-xyz`, toolId);
    }
    // In English, and in German, whose words the widget loads on demand.
    const markup = await Promise.all(
      ['', '?lang=de'].map((query) =>
        executeServerCommand<string, { server: string; id: string; query: string }>('prerendered-markup', {
          server,
          id: COMPARISON,
          query,
        }),
      ),
    );
    host = document.createElement('div');
    host.style.width = '960px';
    // Declarative shadow roots are only attached when parsing asks for them.
    (host as HTMLElement & { setHTMLUnsafe(html: string): void }).setHTMLUnsafe(markup.join(''));
    document.body.append(host);
  });

  after(async () => {
    host.remove();
    await executeServerCommand('stop-vote-servers');
  });

  it('paints the comparison before any script runs, and takes over without a visible change', async () => {
    const [el, de] = [...host.querySelectorAll('ai-compare')] as AiCompare[];
    expect(customElements.get('ai-compare')).to.equal(undefined);
    expect(text(part(el, 'card')[1])).to.contain('2 of 3 votes');
    expect(text(part(el, 'results')[0])).to.contain('SmolVLM2-2B 67%');
    expect(text(part(de, 'card')[1])).to.match(/2 von 3 Stimmen/);
    // The light-DOM summary is there for crawlers, but not drawn over the comparison.
    expect(el.querySelector('section')?.getBoundingClientRect().height).to.equal(0);
    // A keyboard reader has reached the second vote button before the script came.
    // (Without scrolling, which some engines do later, after the page's appearance is noted.)
    buttonNamed(el, 'Vote for SmolVLM2-2B').focus({ preventScroll: true });
    expect(shadow(el).activeElement?.textContent?.trim()).to.equal('Vote for SmolVLM2-2B');
    const before = [appearance(el), appearance(de)];

    await import('../../src/define.js');
    await Promise.all([el.updateComplete, de.updateComplete]);
    expect([appearance(el), appearance(de)]).to.deep.equal(before);
    // The same control of the comparison drawn in place of the prerendered one has the focus.
    expect(document.activeElement === el, 'the element has the focus').to.equal(true);
    expect(shadow(el).activeElement === buttonNamed(el, 'Vote for SmolVLM2-2B'), 'on the drawn vote button').to.equal(true);
    // The live results arrive and say the same.
    for (const widget of [el, de]) {
      await until(() => part(widget, 'results')[0]?.getAttribute('aria-busy') === 'false', 'the live results', 10_000);
    }
    expect([appearance(el), appearance(de)]).to.deep.equal(before);
    expect(el.state).to.equal('ready');

    // The feed came inline: nothing asked for it again.
    const fetched = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(fetched).to.include(`/api/comparisons/${COMPARISON}/votes`);
    expect(fetched).not.to.include(`/api/comparisons/${COMPARISON}`);
  });

  it('then votes as usual', async () => {
    const el = host.querySelector('ai-compare') as AiCompare;
    buttonNamed(el, 'Vote for Cursor 1.0').click();
    await until(() => text(part(el, 'results')[0]).includes('You voted for Cursor 1.0'), 'the stored vote', 10_000);
    expect(text(part(el, 'results')[0])).to.contain('4 votes');
    expect(text(part(el, 'card')[0].querySelector('[part="community-score"]'))).to.contain('2 of 4 votes');
  });
});
