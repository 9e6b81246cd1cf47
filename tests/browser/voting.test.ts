import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import { VOTER_HEADER, type VoteSummary } from '../../contract/vote-api.js';
import { castVote } from '../../src/votes/vote-client.js';
import { knownVote, LEGACY_VOTER_KEY, rememberVote, resetVoterIdCache, voterId, voterKey } from '../../src/votes/voter-id.js';
import { buttonNamed, part, shadow, text, until } from '../helpers/dom.js';
import { launchFeed } from '../helpers/feeds.js';
import { comparisonTwice, LAUNCH_COMPARISON as COMPARISON, resultsShown, startVoteServer } from '../helpers/vote-server.js';

/** A fresh reader, as in another browser: no voter ids, no remembered votes. */
function newReader(): void {
  localStorage.clear();
  resetVoterIdCache();
}

interface SentRequest {
  url: string;
  method: string;
  headers: string;
  body: string;
}

/** Records every request the page makes with fetch (URL, method, headers, body) until `stop()`. */
function recordRequests(): { sent: SentRequest[]; stop: () => void } {
  const sent: SentRequest[] = [];
  const original = window.fetch;
  window.fetch = (input, init) => {
    const request = new Request(input, init);
    sent.push({
      url: request.url,
      method: request.method,
      headers: JSON.stringify([...request.headers]),
      body: typeof init?.body === 'string' ? init.body : '',
    });
    return original(input, init);
  };
  return { sent, stop: () => (window.fetch = original) };
}

async function serverSummary(endpoint: string, voter = voterId(endpoint)): Promise<VoteSummary> {
  const response = await fetch(endpoint, { headers: { [VOTER_HEADER]: voter } });
  return (await response.json()) as VoteSummary;
}

describe('<ai-compare> voting', () => {
  let endpoint: string;

  async function widget(extra: Partial<AiCompare> = {}): Promise<AiCompare> {
    const feed = await launchFeed();
    const el = await fixture<AiCompare>(html`<ai-compare .feed=${feed} vote-endpoint=${endpoint}></ai-compare>`);
    Object.assign(el, extra);
    // The first GET fills in the results.
    await resultsShown(el);
    return el;
  }

  beforeEach(async () => {
    newReader();
    endpoint = await startVoteServer();
  });

  afterEach(async () => {
    fixtureCleanup();
    await executeServerCommand('stop-vote-servers');
  });

  describe('accessibility', () => {
    it('is accessible with vote buttons and results', async () => {
      const el = await widget();
      await expect(el).to.be.accessible();
    });

    it('labels each button with the tool name and shows none pressed before a vote', async () => {
      const el = await widget();
      const buttons = part(el, 'vote-button');
      expect(buttons.map(text)).to.deep.equal(['Vote for Cursor 1.0', 'Vote for SmolVLM2-2B']);
      expect(buttons.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false']);
      expect(text(part(el, 'results')[0])).to.contain('0 votes');
    });
  });

  describe('voting', () => {
    it('updates the results in the same frame, then confirms with the server', async () => {
      const el = await widget();
      const voted = oneEvent(el, 'ai-compare-voted');
      const button = buttonNamed(el, 'Vote for Cursor 1.0');
      button.click();
      await el.updateComplete;
      // Optimistic: before the server has answered.
      expect(button.getAttribute('aria-pressed')).to.equal('true');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(text(part(el, 'results')[0])).to.match(/\b1 vote\b(?!s)/);
      expect(text(part(el, 'card')[0].querySelector('[part="community-score"]'))).to.contain('100%');

      const event = await voted;
      expect(event.detail).to.deep.equal({
        comparisonId: COMPARISON,
        toolId: 'cursor-1-0',
        tallies: { 'cursor-1-0': 1, 'smolvlm2-2b': 0 },
        total: 1,
      });
      await el.updateComplete;
      expect(button.getAttribute('aria-disabled')).to.equal('false');
      expect(text(shadow(el).querySelector('[aria-live="polite"]'))).to.equal(
        'Vote saved. Cursor 1.0 100%, SmolVLM2-2B 0%; 1 vote.',
      );
      expect(text(part(el, 'results')[0])).to.contain('You voted for Cursor 1.0.');
      expect((await serverSummary(endpoint)).yourVote).to.equal('cursor-1-0');
    });

    it('votes from the keyboard', async () => {
      const el = await widget();
      const voted = oneEvent(el, 'ai-compare-voted');
      buttonNamed(el, 'Vote for SmolVLM2-2B').focus();
      await sendKeys({ press: 'Enter' });
      expect((await voted).detail.toolId).to.equal('smolvlm2-2b');
      await el.updateComplete;
      // Focus stays on the button (it is aria-disabled while in flight, never disabled).
      expect(shadow(el).activeElement).to.equal(buttonNamed(el, 'Vote for SmolVLM2-2B'));
      const withdrawn = oneEvent(el, 'ai-compare-withdrawn');
      await sendKeys({ press: ' ' });
      expect((await withdrawn).detail.toolId).to.equal('smolvlm2-2b');
    });

    it('ignores clicks while a vote is in flight', async () => {
      const el = await widget();
      const voted = oneEvent(el, 'ai-compare-voted');
      buttonNamed(el, 'Vote for Cursor 1.0').click();
      await el.updateComplete;
      buttonNamed(el, 'Vote for SmolVLM2-2B').click();
      buttonNamed(el, 'Vote for Cursor 1.0').click();
      await voted;
      const summary = await serverSummary(endpoint);
      expect(summary.tallies).to.deep.equal({ 'cursor-1-0': 1, 'smolvlm2-2b': 0 });
      expect(summary.yourVote).to.equal('cursor-1-0');
    });

    it('remembers the vote across reloads', async () => {
      const first = await widget();
      const voted = oneEvent(first, 'ai-compare-voted');
      buttonNamed(first, 'Vote for SmolVLM2-2B').click();
      await voted;
      fixtureCleanup();
      resetVoterIdCache(); // as after a reload: the id comes back from storage

      const again = await widget();
      await until(() => buttonNamed(again, 'Vote for SmolVLM2-2B').getAttribute('aria-pressed') === 'true', 'the remembered vote');
      expect(buttonNamed(again, 'Vote for Cursor 1.0').getAttribute('aria-pressed')).to.equal('false');
      expect(text(part(again, 'results')[0])).to.contain('You voted for SmolVLM2-2B.');
    });

    it('moves the vote to the other tool', async () => {
      const el = await widget();
      let voted = oneEvent(el, 'ai-compare-voted');
      buttonNamed(el, 'Vote for Cursor 1.0').click();
      await voted;
      voted = oneEvent(el, 'ai-compare-voted');
      buttonNamed(el, 'Vote for SmolVLM2-2B').click();
      const event = await voted;
      expect(event.detail.tallies).to.deep.equal({ 'cursor-1-0': 0, 'smolvlm2-2b': 1 });
      await el.updateComplete;
      expect(part(el, 'vote-button').map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true']);
      expect(text(part(el, 'results')[0])).to.match(/\b1 vote\b(?!s)/);
    });

    it('withdraws the vote when the pressed button is pressed again', async () => {
      const el = await widget();
      const voted = oneEvent(el, 'ai-compare-voted');
      buttonNamed(el, 'Vote for Cursor 1.0').click();
      await voted;
      const withdrawn = oneEvent(el, 'ai-compare-withdrawn');
      buttonNamed(el, 'Vote for Cursor 1.0').click();
      await el.updateComplete;
      expect(text(part(el, 'results')[0])).to.contain('0 votes');
      const event = await withdrawn;
      expect(event.detail).to.deep.equal({
        comparisonId: COMPARISON,
        toolId: 'cursor-1-0',
        tallies: { 'cursor-1-0': 0, 'smolvlm2-2b': 0 },
        total: 0,
      });
      await el.updateComplete;
      expect(buttonNamed(el, 'Vote for Cursor 1.0').getAttribute('aria-pressed')).to.equal('false');
      expect(text(shadow(el).querySelector('[aria-live="polite"]'))).to.contain('Vote withdrawn.');
      expect((await serverSummary(endpoint)).yourVote).to.equal(null);
    });

    it('counts other readers in the results', async () => {
      // Other readers vote through the same client as the widget (vote tokens included).
      for (let i = 0; i < 3; i += 1) {
        await castVote(endpoint, `other-reader-number-${i}`, i < 2 ? 'smolvlm2-2b' : 'cursor-1-0');
      }
      const el = await widget();
      expect(text(part(el, 'results')[0])).to.contain('3 votes');
      expect(text(part(el, 'card')[1].querySelector('[part="community-score"]'))).to.contain('67%');
      expect(text(part(el, 'card')[1].querySelector('[part="community-score"]'))).to.contain('2 of 3 votes');
      // The split bar shows the same shares (after its short transition).
      await new Promise((resolve) => setTimeout(resolve, 400));
      const [cursor, smol] = [...shadow(el).querySelectorAll('.split-bar')].map((bar) => bar.getBoundingClientRect().width);
      expect(smol / (cursor + smol)).to.be.closeTo(2 / 3, 0.05);
    });

    it('refreshes the results when the reader comes back to the tab', async () => {
      const el = await widget();
      expect(text(part(el, 'results')[0])).to.contain('0 votes');
      await castVote(endpoint, 'reader-in-another-tab', 'smolvlm2-2b');
      // The server's public tallies follow a vote within a moment (its cache reads at most every 100 ms).
      await new Promise((resolve) => setTimeout(resolve, 200));
      document.dispatchEvent(new Event('visibilitychange'));
      await until(() => /\b1 vote\b(?!s)/.test(text(part(el, 'results')[0])), 'the refreshed results');
      expect(text(part(el, 'card')[1].querySelector('[part="community-score"]'))).to.contain('100%');
    });
  });

  describe('failures', () => {
    it('rolls back and says so politely when the network fails', async () => {
      const el = await widget();
      // The (still empty) status line is rendered, so screen readers announce the text it gets.
      const status = shadow(el).querySelector('.vote-error')!;
      expect(getComputedStyle(status).display).to.not.equal('none');
      expect(status.getBoundingClientRect().height).to.equal(0);
      await executeServerCommand('stop-vote-servers');
      const failed = oneEvent(el, 'ai-compare-vote-error');
      buttonNamed(el, 'Vote for Cursor 1.0').click();
      await el.updateComplete;
      expect(text(part(el, 'results')[0])).to.match(/\b1 vote\b(?!s)/);
      const event = await failed;
      expect(event.detail.code).to.equal('network');
      expect(event.detail.toolId).to.equal('cursor-1-0');
      await el.updateComplete;
      expect(buttonNamed(el, 'Vote for Cursor 1.0').getAttribute('aria-pressed')).to.equal('false');
      expect(text(part(el, 'results')[0])).to.contain('0 votes');
      const message = shadow(el).querySelector('.vote-error')!;
      expect(message.getAttribute('role')).to.equal('status');
      expect(text(message)).to.equal('Your vote could not be saved. Please try again.');
    });

    it('rolls back when the server refuses the vote', async () => {
      await executeServerCommand('stop-vote-servers');
      endpoint = await startVoteServer({ RATE_LIMIT_WRITES: '1', RATE_LIMIT_WINDOW_MS: '600000' });
      const el = await widget();
      const voted = oneEvent(el, 'ai-compare-voted');
      buttonNamed(el, 'Vote for Cursor 1.0').click();
      await voted;
      const failed = oneEvent(el, 'ai-compare-vote-error');
      buttonNamed(el, 'Vote for SmolVLM2-2B').click();
      const event = await failed;
      expect(event.detail.code, event.detail.message).to.equal('rate-limited');
      await el.updateComplete;
      expect(part(el, 'vote-button').map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['true', 'false']);
      expect(text(part(el, 'card')[0].querySelector('[part="community-score"]'))).to.contain('100%');
      expect(text(shadow(el).querySelector('.vote-error'))).to.equal('Too many votes right now. Please try again in a moment.');
      expect((await serverSummary(endpoint)).tallies).to.deep.equal({ 'cursor-1-0': 1, 'smolvlm2-2b': 0 });
    });

    it('says when results cannot be loaded, after retrying', async () => {
      const feed = await launchFeed();
      const el = await fixture<AiCompare>(html`<ai-compare .feed=${feed} vote-endpoint="http://127.0.0.1:9/votes"></ai-compare>`);
      expect(part(el, 'results')[0].getAttribute('aria-busy')).to.equal('true');
      expect(text(part(el, 'card')[0].querySelector('[part="community-score"]'))).to.contain('Loading votes…');
      await until(() => part(el, 'results')[0].getAttribute('aria-busy') === 'false', 'giving up on the results', 9000);
      expect(text(part(el, 'results')[0])).to.contain('Votes are unavailable right now');
      expect(text(part(el, 'card')[0].querySelector('[part="community-score"]'))).to.not.contain('No votes yet');
    }).timeout(15_000);

    it('finishes a vote in flight when the comparison changes, and loads the new one', async () => {
      const el = await widget();
      const voted = oneEvent(el, 'ai-compare-voted');
      buttonNamed(el, 'Vote for Cursor 1.0').click();
      el.voteEndpoint = endpoint.replace(COMPARISON, 'alpha-vs-beta');
      const event = await voted;
      expect(event.detail.comparisonId).to.equal(COMPARISON);
      expect(event.detail.total).to.equal(1);
      // The widget now shows the other comparison's own results, not the old vote.
      await until(() => part(el, 'results')[0].getAttribute('aria-busy') === 'false', 'the new results');
      expect(part(el, 'vote-button').map((b) => b.getAttribute('aria-disabled'))).to.deep.equal(['false', 'false']);
      expect(part(el, 'vote-button').map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false']);
      expect(text(part(el, 'results')[0])).to.contain('0 votes');
    });
  });

  describe('host control', () => {
    it('sends nothing when the host cancels ai-compare-vote', async () => {
      const el = await widget();
      const seen: string[] = [];
      el.addEventListener('ai-compare-vote', (event) => {
        seen.push(event.detail.toolId);
        event.preventDefault();
      });
      el.addEventListener('ai-compare-voted', () => seen.push('voted'));
      buttonNamed(el, 'Vote for SmolVLM2-2B').click();
      await el.updateComplete;
      expect(seen).to.deep.equal(['smolvlm2-2b']);
      expect(buttonNamed(el, 'Vote for SmolVLM2-2B').getAttribute('aria-pressed')).to.equal('false');
      const summary = await serverSummary(endpoint);
      expect(summary.total).to.equal(0);
      expect(seen).to.deep.equal(['smolvlm2-2b']);
    });

    it('hides voting with no-votes', async () => {
      const el = await widget();
      el.noVotes = true;
      await el.updateComplete;
      expect(part(el, 'vote-button')).to.have.length(0);
      expect(part(el, 'results')).to.have.length(0);
    });

    it('shows no vote buttons without an endpoint', async () => {
      const feed = await launchFeed();
      delete (feed as { votes?: unknown }).votes;
      const el = await fixture<AiCompare>(html`<ai-compare .feed=${feed}></ai-compare>`);
      expect(part(el, 'vote-button')).to.have.length(0);
    });

    it('uses vote-endpoint over the feed endpoint', async () => {
      const feed = await launchFeed();
      (feed as { votes: { endpoint: string } }).votes = { endpoint: 'http://127.0.0.1:9/nowhere' };
      const el = await fixture<AiCompare>(html`<ai-compare .feed=${feed} vote-endpoint=${endpoint}></ai-compare>`);
      const voted = oneEvent(el, 'ai-compare-voted');
      buttonNamed(el, 'Vote for Cursor 1.0').click();
      expect((await voted).detail.total).to.equal(1);
    });
  });

  describe('voter id', () => {
    it('is made once per browser and vote-server origin, and kept in localStorage', () => {
      const id = voterId(endpoint);
      expect(id).to.match(/^[A-Za-z0-9_-]{16,64}$/);
      const stored = JSON.parse(localStorage.getItem(voterKey(new URL(endpoint).origin)) ?? '{}') as { id?: string };
      expect(stored.id).to.equal(id);
      resetVoterIdCache();
      expect(voterId(endpoint)).to.equal(id);
      expect(voterId(`${new URL(endpoint).origin}/api/comparisons/another/votes`)).to.equal(id, 'same origin, same id');
      expect(voterId('https://votes.other.example/api/votes')).not.to.equal(id, 'another origin, another id');
    });

    it('keeps an id from before ids were per origin for the first server only, and asks it for its vote once', async () => {
      const legacy = `legacy-reader-${Math.random().toString(36).slice(2, 12)}`;
      await castVote(endpoint, legacy, 'smolvlm2-2b');
      newReader();
      localStorage.setItem(LEGACY_VOTER_KEY, legacy);
      const el = await widget();
      expect(voterId(endpoint)).to.equal(legacy);
      expect(localStorage.getItem(LEGACY_VOTER_KEY)).to.equal(null);
      expect(voterId('https://votes.other.example/api/votes')).not.to.equal(legacy);
      await until(() => buttonNamed(el, 'Vote for SmolVLM2-2B').getAttribute('aria-pressed') === 'true', 'the vote made before');
    });

    it('never goes into a URL: a page view reads the public tallies, a withdrawal sends it in a header', async () => {
      const recorder = recordRequests();
      try {
        const el = await widget();
        const id = voterId(endpoint);
        const votes = recorder.sent.filter(({ url }) => url.startsWith(new URL(endpoint).origin));
        expect(votes.map(({ method, url, headers }) => ({ method, url, personal: headers.includes(id) }))).to.deep.equal([
          { method: 'GET', url: endpoint, personal: false },
        ]);
        let done = oneEvent(el, 'ai-compare-voted');
        buttonNamed(el, 'Vote for Cursor 1.0').click();
        await done;
        done = oneEvent(el, 'ai-compare-withdrawn');
        buttonNamed(el, 'Vote for Cursor 1.0').click();
        await done;
        for (const request of recorder.sent) expect(request.url).not.to.contain(id);
        const [post, withdrawal] = recorder.sent.filter(({ url }) => url === endpoint).slice(1);
        expect(post.body).to.contain(id);
        expect(withdrawal.method).to.equal('DELETE');
        expect(withdrawal.headers).to.contain(id);
      } finally {
        recorder.stop();
      }
    });

    it('of one vote server never reaches another: two widgets, two servers, two ids', async () => {
      const other = await startVoteServer();
      const recorder = recordRequests();
      try {
        const feed = await launchFeed();
        const el = await fixture<AiCompare>(html`<div>
          <ai-compare .feed=${feed} vote-endpoint=${endpoint}></ai-compare>
          <ai-compare .feed=${feed} vote-endpoint=${other}></ai-compare>
        </div>`);
        for (const widget of el.querySelectorAll('ai-compare')) {
          await resultsShown(widget);
          const voted = oneEvent(widget, 'ai-compare-voted');
          buttonNamed(widget, 'Vote for Cursor 1.0').click();
          await voted;
        }
      } finally {
        recorder.stop();
      }
      const ids = { [new URL(endpoint).origin]: voterId(endpoint), [new URL(other).origin]: voterId(other) };
      const [mine, theirs] = [voterId(endpoint), voterId(other)];
      expect(mine).not.to.equal(theirs);
      const votes = recorder.sent.filter(({ url }) => url === endpoint || url === other);
      expect(votes.map(({ method }) => method).sort()).to.deep.equal(['GET', 'GET', 'POST', 'POST']);
      for (const request of votes) {
        const seen = `${request.url} ${request.headers} ${request.body}`;
        for (const [origin, id] of Object.entries(ids)) {
          if (new URL(request.url).origin !== origin) {
            expect(seen).not.to.contain(id, `${request.method} ${request.url} carries the id made for ${origin}`);
          }
        }
      }
      // Each server knows its reader by the id made for it; the other id means nothing to it.
      expect((await serverSummary(endpoint, mine)).yourVote).to.equal('cursor-1-0');
      expect((await serverSummary(endpoint, theirs)).yourVote).to.equal(null);
      expect((await serverSummary(other, theirs)).yourVote).to.equal('cursor-1-0');
      expect((await serverSummary(other, mine)).yourVote).to.equal(null);
    });
  });

  describe('one comparison twice on a page', () => {
    it('shows a vote cast in one widget in the other, where pressing it again withdraws it', async () => {
      const [top, bottom] = await comparisonTwice(endpoint);

      const voted = oneEvent(top, 'ai-compare-voted');
      buttonNamed(top, 'Vote for SmolVLM2-2B').click();
      await voted;
      await bottom.updateComplete;
      expect(buttonNamed(bottom, 'Vote for SmolVLM2-2B').getAttribute('aria-pressed')).to.equal('true');
      expect(text(part(bottom, 'results')[0])).to.contain('You voted for SmolVLM2-2B.');

      const withdrawn = oneEvent(bottom, 'ai-compare-withdrawn');
      buttonNamed(bottom, 'Vote for SmolVLM2-2B').click();
      expect((await withdrawn).detail.toolId).to.equal('smolvlm2-2b');
      await top.updateComplete;
      expect(buttonNamed(top, 'Vote for SmolVLM2-2B').getAttribute('aria-pressed')).to.equal('false');
      expect((await serverSummary(endpoint)).yourVote).to.equal(null);
    });
  });

  describe('voter id storage', () => {
    it('keeps a vote in memory when storage is full, rather than the older stored record', () => {
      // A record is stored (an earlier visit), then storage fills up.
      voterId(endpoint);
      const { setItem } = Storage.prototype;
      Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
      try {
        rememberVote(endpoint, 'cursor-1-0');
        expect(knownVote(endpoint)).to.equal('cursor-1-0');
      } finally {
        Storage.prototype.setItem = setItem;
      }
    });

    it('keeps the votes another tab remembered when this one remembers its own', async () => {
      const other = endpoint.replace(COMPARISON, 'another-comparison');
      const thisTab = await widget();
      // Another tab of the same site has just voted on another comparison of the same server.
      const key = voterKey(new URL(endpoint).origin);
      const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as { votes: Record<string, string | null> };
      stored.votes[other] = 'beta';
      localStorage.setItem(key, JSON.stringify(stored));

      const voted = oneEvent(thisTab, 'ai-compare-voted');
      buttonNamed(thisTab, 'Vote for Cursor 1.0').click();
      await voted;
      const after = JSON.parse(localStorage.getItem(key) ?? '{}') as { votes: Record<string, string | null> };
      expect(after.votes).to.deep.equal({ [endpoint]: 'cursor-1-0', [other]: 'beta' });
    });

    it('falls back to memory when storage is blocked', () => {
      const { getItem, setItem } = Storage.prototype;
      Storage.prototype.getItem = () => {
        throw new DOMException('blocked', 'SecurityError');
      };
      Storage.prototype.setItem = () => {
        throw new DOMException('blocked', 'QuotaExceededError');
      };
      try {
        resetVoterIdCache();
        const id = voterId(endpoint);
        expect(id).to.match(/^[A-Za-z0-9_-]{16,64}$/);
        expect(voterId(endpoint)).to.equal(id);
      } finally {
        Storage.prototype.getItem = getItem;
        Storage.prototype.setItem = setItem;
      }
    });
  });
});
