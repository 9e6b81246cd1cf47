import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import { castVote } from '../../src/votes/vote-client.js';
import { resetVoterIdCache } from '../../src/votes/voter-id.js';
import { liveUrl } from '../../contract/routes.js';
import { buttonNamed, part, shadow, text, until } from '../helpers/dom.js';
import { launchFeed } from '../helpers/feeds.js';
import { comparisonTwice, resultsShown, startVoteServer } from '../helpers/vote-server.js';

/** Every EventSource the page opens, to see when a widget follows and when it pauses. */
function recordStreams(): { opened: EventSource[]; stop: () => void } {
  const opened: EventSource[] = [];
  const Original = window.EventSource;
  window.EventSource = class extends Original {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      opened.push(this);
    }
  };
  return { opened, stop: () => (window.EventSource = Original) };
}

/** Pretends the reader switched tabs (or came back). */
function setVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

const resultsText = (el: AiCompare) => text(part(el, 'results')[0]);

describe('<ai-compare live>', () => {
  let endpoint: string;
  let streams: ReturnType<typeof recordStreams>;

  beforeEach(async () => {
    localStorage.clear();
    resetVoterIdCache();
    endpoint = await startVoteServer();
    streams = recordStreams();
  });

  afterEach(async () => {
    streams.stop();
    fixtureCleanup();
    delete (document as { visibilityState?: string }).visibilityState;
    await executeServerCommand('stop-vote-servers');
  });

  /** A widget to vote in, and one following live results, of the same comparison. */
  async function widgets() {
    const [voter, follower] = await comparisonTwice(endpoint, true);
    return { voter, follower };
  }

  it('shows the votes of other readers within about a second, without reloading', async () => {
    const { voter, follower } = await widgets();
    expect(streams.opened.length).to.equal(1, 'only the live widget follows');
    expect(resultsText(follower)).to.contain('0 votes');

    const voted = oneEvent(voter, 'ai-compare-voted');
    buttonNamed(voter, 'Vote for SmolVLM2-2B').click();
    await voted;
    await until(() => /\b1 vote\b(?!s)/.test(resultsText(follower)), 'the vote of the other widget', 3000);

    // Another reader, with a voter id of their own, in another browser.
    await castVote(endpoint, 'another-reader-elsewhere-1', 'cursor-1-0');
    await until(() => resultsText(follower).includes('2 votes'), 'the vote of another reader', 3000);
    expect(resultsText(voter)).to.contain('1 vote', 'a widget without live is not updated');
  });

  it('shows a vote cast in another browser context, and that reader sees ours', async function () {
    this.timeout(60_000);
    const server = endpoint.slice(0, endpoint.indexOf('/api/'));
    type Results = { busy: boolean; text: string } | null;
    const other = async <T>(action: string, argument?: string) =>
      (await executeServerCommand<{ value: T }, { action: string; argument?: string }>('other-reader', { action, argument })).value;
    // The other reader reads the demo page of the vote server: the built bundle, its own origin.
    await executeServerCommand('open-other-reader', { url: `${server}/` });
    try {
      const settled = async (what: string) => {
        let last: Results = null;
        await until(async () => {
          last = await other<Results>('results');
          return last !== null && !last.busy;
        }, what, 15_000);
        return (last as Results)?.text ?? '';
      };
      await settled('the other reader\'s results');
      await other('follow');

      const feed = await launchFeed();
      const el = await fixture<AiCompare>(html`<ai-compare live .feed=${feed} vote-endpoint=${endpoint}></ai-compare>`);
      await resultsShown(el, 'results');
      expect(resultsText(el)).to.contain('0 votes');
      expect(streams.opened.length).to.equal(1, 'this page stays visible and follows');

      const voted = oneEvent(el, 'ai-compare-voted');
      buttonNamed(el, 'Vote for SmolVLM2-2B').click();
      await voted;
      await until(async () => /\b1 vote\b(?!s)/.test(await settled('the other reader\'s results')), 'our vote, seen by the other reader', 5000);

      expect(await other<boolean>('vote', 'Vote for Cursor 1.0')).to.equal(true, 'the other reader found its vote button');
      await until(() => resultsText(el).includes('2 votes'), 'the other reader\'s vote, seen here', 5000);
      expect(resultsText(el)).to.contain('You voted for SmolVLM2-2B', 'their vote is theirs, not ours');
    } finally {
      await executeServerCommand('close-other-reader');
    }
  });

  it('pauses while the tab is hidden and catches up when it is shown again', async () => {
    const { follower } = await widgets();
    const [first] = streams.opened;
    await until(() => first.readyState === EventSource.OPEN, 'the stream is open', 3000);

    setVisibility('hidden');
    expect(first.readyState).to.equal(EventSource.CLOSED, 'no stream while hidden');
    await castVote(endpoint, 'reader-while-hidden-001', 'cursor-1-0');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(resultsText(follower)).to.contain('0 votes', 'nothing arrives while hidden');

    setVisibility('visible');
    expect(streams.opened.length).to.equal(2, 'a new stream when shown again');
    await until(() => /\b1 vote\b(?!s)/.test(resultsText(follower)), 'the catch-up', 3000);
  });

  it('asks again, a while later, for a stream the server refused', async () => {
    // A server that follows one stream per address, and a reader on the same address holding it.
    const busyEndpoint = await startVoteServer({ LIVE_STREAMS_PER_CLIENT: '1' });
    const holder = new EventSource(liveUrl(busyEndpoint));
    await new Promise((resolve) => holder.addEventListener('tallies', resolve, { once: true }));
    const el = await fixture<AiCompare>(html`<ai-compare live .feed=${await launchFeed()} vote-endpoint=${busyEndpoint}></ai-compare>`);
    await until(() => streams.opened.length === 2 && streams.opened[1].readyState === EventSource.CLOSED, 'the refusal', 5000);

    holder.close();
    await castVote(busyEndpoint, 'another-reader-elsewhere-2', 'cursor-1-0');
    await until(() => /\b1 vote\b(?!s)/.test(resultsText(el)), 'the stream asked for again', 8000);
    expect(streams.opened.length).to.equal(3, 'one more stream');
    expect(streams.opened[2].readyState).to.equal(EventSource.OPEN);
  });

  it('announces a saved vote once: live results that follow do not say it again', async () => {
    const { follower } = await widgets();
    const announcement = () => text(shadow(follower).querySelector('[aria-live="polite"]'));
    const voted = oneEvent(follower, 'ai-compare-voted');
    buttonNamed(follower, 'Vote for SmolVLM2-2B').click();
    await voted;
    await follower.updateComplete;
    expect(announcement()).to.contain('Vote saved.');

    await castVote(endpoint, 'another-reader-elsewhere-3', 'cursor-1-0');
    await until(() => resultsText(follower).includes('2 votes'), 'the other reader in the live results', 3000);
    expect(announcement()).to.equal('');
    expect(resultsText(follower)).to.contain('You voted for SmolVLM2-2B.');
  });

  it('stops following when live is turned off', async () => {
    const { follower } = await widgets();
    follower.live = false;
    await follower.updateComplete;
    expect(streams.opened[0].readyState).to.equal(EventSource.CLOSED);
  });
});
