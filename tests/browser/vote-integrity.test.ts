import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import { VOTER_HEADER, type VoteSummary } from '../../contract/vote-api.js';
import { resetVoterIdCache, voterId } from '../../src/votes/voter-id.js';
import { buttonNamed, shadow, text } from '../helpers/dom.js';
import { launchFeed, makeFeed } from '../helpers/feeds.js';
import { resultsShown, startVoteServer } from '../helpers/vote-server.js';

async function stored(endpoint: string): Promise<VoteSummary> {
  const response = await fetch(endpoint, { headers: { [VOTER_HEADER]: voterId(endpoint) } });
  return (await response.json()) as VoteSummary;
}

async function widget(feed: unknown, endpoint: string): Promise<AiCompare> {
  const el = await fixture<AiCompare>(html`<ai-compare .feed=${feed} vote-endpoint=${endpoint}></ai-compare>`);
  await resultsShown(el);
  return el;
}

describe('<ai-compare> voting with the server’s integrity checks', () => {
  beforeEach(() => {
    // A fresh reader: no voter ids, no remembered votes.
    localStorage.clear();
    resetVoterIdCache();
  });

  afterEach(async () => {
    fixtureCleanup();
    await executeServerCommand('stop-vote-servers');
  });

  it('a reader on an allowed site votes in one click', async () => {
    const endpoint = await startVoteServer({ ALLOWED_ORIGINS: location.origin });
    const el = await widget(await launchFeed(), endpoint);
    const voted = oneEvent(el, 'ai-compare-voted');
    const failed: Event[] = [];
    el.addEventListener('ai-compare-vote-error', (event) => failed.push(event));
    buttonNamed(el, 'Vote for Cursor 1.0').click();
    const event = await voted;
    expect(failed).to.have.length(0);
    expect(event.detail.tallies).to.deep.equal({ 'cursor-1-0': 1, 'smolvlm2-2b': 0 });
    await el.updateComplete;
    expect(buttonNamed(el, 'Vote for Cursor 1.0').getAttribute('aria-pressed')).to.equal('true');
    expect((await stored(endpoint)).yourVote).to.equal('cursor-1-0');
    // And moves it in one more click.
    const moved = oneEvent(el, 'ai-compare-voted');
    buttonNamed(el, 'Vote for SmolVLM2-2B').click();
    await moved;
    expect((await stored(endpoint)).tallies).to.deep.equal({ 'cursor-1-0': 0, 'smolvlm2-2b': 1 });
    // Starting a server process takes a while when three engines run at once.
  }).timeout(20_000);

  it('a site the comparison does not list cannot vote: the reader is told, nothing is stored', async () => {
    // The feed lists only https://blog.example; this page is elsewhere.
    const endpoint = await startVoteServer({}, 'guarded-vote');
    const el = await widget(makeFeed({ id: 'guarded-vote', reviewers: [] }), endpoint);
    const failed = oneEvent(el, 'ai-compare-vote-error');
    buttonNamed(el, 'Vote for Alpha').click();
    const event = await failed;
    expect(event.detail.code).to.equal('forbidden-origin');
    await el.updateComplete;
    expect(buttonNamed(el, 'Vote for Alpha').getAttribute('aria-pressed')).to.equal('false');
    expect(text(shadow(el).querySelector('.vote-error'))).to.equal('Voting on this comparison is not open on this site.');
    expect((await stored(endpoint)).total).to.equal(0);
  }).timeout(20_000);
});
