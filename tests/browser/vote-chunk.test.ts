import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import { buttonNamed, part, text, until } from '../helpers/dom.js';
import { launchFeed } from '../helpers/feeds.js';

// This file runs in a page of its own, so the voting chunk has not been loaded before it.
describe('<ai-compare> when the voting code cannot be loaded', () => {
  before(() => {
    document.cookie = 'block-vote-chunk=1; path=/';
  });

  after(async () => {
    document.cookie = 'block-vote-chunk=; path=/; max-age=0';
    fixtureCleanup();
    await executeServerCommand('stop-vote-servers');
  });

  it('shows the comparison, says votes are unavailable, and tells a reader who votes', async () => {
    const server = await executeServerCommand<string, { env: Record<string, string> }>('start-vote-server', { env: {} });
    const feed = await launchFeed();
    const el = await fixture<AiCompare>(
      html`<ai-compare .feed=${feed} vote-endpoint=${`${server}/api/comparisons/${feed.id}/votes`}></ai-compare>`,
    );
    const results = () => text(part(el, 'results')[0]);
    await until(() => results().includes('Votes are unavailable right now'), 'the unavailable notice', 10_000);
    expect(text(part(el, 'title')[0])).to.equal(feed.title);
    expect(part(el, 'vote-button')).to.have.length(2, 'the buttons stay where they were');

    const failed = oneEvent(el, 'ai-compare-vote-error');
    buttonNamed(el, 'Vote for Cursor 1.0').click();
    const { detail } = await failed;
    expect(detail).to.include({ toolId: 'cursor-1-0', code: 'network' });
    // Not "try again": most engines keep a failed module load until the page is reloaded.
    await until(() => (el.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '').includes('Votes are unavailable right now'), 'the failure, told to the reader');
    expect(results()).not.to.contain('try again');
  });
});
