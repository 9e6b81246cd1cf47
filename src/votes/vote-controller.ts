/**
 * The reader's vote: loads the current results, applies a vote optimistically in the same frame,
 * confirms it with the server, and rolls it back when the server or the network says no.
 *
 * A chunk of its own beside the bundle (with the vote client, the voter id and the live stream),
 * loaded by `votes.ts` once a widget has a vote endpoint. It imports nothing from the bundle: the
 * event classes, which must be the bundle's own, come in as an argument.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  AiCompareVoteErrorEvent,
  AiCompareVoteEvent,
  AiCompareVotedEvent,
  AiCompareWithdrawEvent,
  AiCompareWithdrawnEvent,
} from '../events.js';
import { liveUrl } from '../../contract/routes.js';
import { isVoteSummary, type VoteErrorCode, type VoteSummary } from '../../contract/vote-api.js';
import { castVote, fetchTallies, fetchVotes, VoteRequestError, withdrawVote } from './vote-client.js';
import { VOTE_FAILURE_TEXT } from './vote-failure.js';
import { enVoteWords } from '../i18n/en-votes.js';
import { knownVote, rememberVote, voterId } from './voter-id.js';

export type VoteHost = ReactiveControllerHost & HTMLElement;

/** The events a vote fires, as the bundle defines them. */
export interface VoteEvents {
  vote: typeof AiCompareVoteEvent;
  withdraw: typeof AiCompareWithdrawEvent;
  voted: typeof AiCompareVotedEvent;
  withdrawn: typeof AiCompareWithdrawnEvent;
  error: typeof AiCompareVoteErrorEvent;
}

/** Delays before asking again for results that failed to load, in milliseconds. */
const RESULT_RETRIES = [1000, 4000];

/** The first wait before asking again for a live stream the server refused; it doubles, up to a minute. */
const LIVE_RETRY_MS = 2000;

/** The controllers of the page's connected widgets: a vote in one shows in the others of its endpoint. */
const controllers = new Set<VoteController>();

/** What the last finished vote action did, for the status line and the live announcement. */
export type VoteOutcome =
  | { kind: 'saved'; toolId: string }
  | { kind: 'withdrawn'; toolId: string }
  | { kind: 'failed'; toolId: string; code: VoteErrorCode; message: string; words: (typeof VOTE_FAILURE_TEXT)[VoteErrorCode] };

export class VoteController implements ReactiveController {
  /** The English words for what follows a vote, which the bundle leaves to this chunk. */
  readonly words = enVoteWords;
  /** The results as the reader should see them now (optimistic while a call is in flight). */
  summary?: VoteSummary;
  /** A vote or withdrawal is on its way to the server. */
  pending = false;
  /** The results could not be loaded, even after retrying. */
  unavailable = false;
  outcome?: VoteOutcome;

  private readonly host: VoteHost;
  private readonly events: VoteEvents;
  private endpoint?: string;
  private comparisonId = '';
  /** Bumped whenever the endpoint changes: answers for an older one must not touch this one. */
  private generation = 0;
  private loadAbort?: AbortController;
  private live = false;
  private stream?: EventSource;
  /** Asks for the live stream again, after the server refused it. */
  private liveRetry?: ReturnType<typeof setTimeout>;
  /** Refusals of the live stream in a row. */
  private refusals = 0;

  constructor(host: VoteHost, events: VoteEvents) {
    this.host = host;
    this.events = events;
    host.addController(this);
  }

  hostConnected(): void {
    controllers.add(this);
    document.addEventListener('visibilitychange', this.refreshOnReturn);
    if (this.endpoint && !this.summary) this.load();
    this.follow();
  }

  hostDisconnected(): void {
    controllers.delete(this);
    document.removeEventListener('visibilitychange', this.refreshOnReturn);
    this.loadAbort?.abort();
    clearTimeout(this.liveRetry);
    this.stream?.close();
    this.stream = undefined;
  }

  /**
   * A reader coming back to the tab sees the votes cast while they were away: live, the stream
   * reopens and its first event is the catch-up; otherwise the results are read again.
   */
  private readonly refreshOnReturn = (): void => {
    this.follow();
    if (document.visibilityState === 'visible' && this.endpoint && !this.pending && !this.stream) this.load();
  };

  /** With `live`, keeps a stream of the tallies open while the page is visible, and only then. */
  private follow(): void {
    const url = this.live && this.endpoint && this.host.isConnected && document.visibilityState === 'visible'
      ? liveUrl(this.endpoint)
      : undefined;
    if (this.stream?.url === url) return;
    clearTimeout(this.liveRetry);
    this.stream?.close();
    const stream = (this.stream = url && typeof EventSource === 'function' ? new EventSource(url) : undefined);
    if (!stream) return;
    const generation = this.generation;
    stream.addEventListener('tallies', (event) => {
      this.refusals = 0;
      let tallies: unknown;
      try {
        tallies = { ...JSON.parse((event as MessageEvent<string>).data), yourVote: this.summary?.yourVote ?? null };
      } catch {
        return;
      }
      if (generation !== this.generation || this.pending || !isVoteSummary(tallies)) return;
      this.show(tallies);
    });
    // A dropped connection the browser retries by itself. A refusal (the server following all the
    // streams it can, too many from this address, a proxy restarting) closes the stream for good:
    // ask again after a while, longer each time.
    stream.addEventListener('error', () => {
      if (stream.readyState !== EventSource.CLOSED || this.stream !== stream) return;
      this.stream = undefined;
      this.liveRetry = setTimeout(() => this.follow(), Math.min(60_000, LIVE_RETRY_MS * 2 ** this.refusals++));
    });
  }

  /**
   * Shows results read from the server. They say nothing about a vote just saved or withdrawn,
   * so its announcement (which read out the results it left) is not made again with these.
   */
  private show(summary: VoteSummary): void {
    this.summary = summary;
    this.unavailable = false;
    if (this.outcome?.kind !== 'failed') this.outcome = undefined;
    this.host.requestUpdate();
  }

  /** Points the controller at an endpoint (or none); loads results when it changes. */
  track(endpoint: string | undefined, comparisonId: string, live = false): void {
    if (live !== this.live) {
      this.live = live;
      this.follow();
    }
    if (endpoint === this.endpoint && comparisonId === this.comparisonId) return;
    this.generation += 1;
    this.endpoint = endpoint;
    this.comparisonId = comparisonId;
    this.summary = undefined;
    this.outcome = undefined;
    this.pending = false;
    this.unavailable = false;
    this.loadAbort?.abort();
    if (endpoint) this.load();
    this.stream?.close();
    this.stream = undefined;
    this.follow();
  }

  get enabled(): boolean {
    return this.endpoint !== undefined;
  }

  private load(attempt = 0): void {
    const endpoint = this.endpoint as string;
    const generation = this.generation;
    this.loadAbort?.abort();
    const abort = new AbortController();
    this.loadAbort = abort;
    // A page view reads the public tallies only; the reader's own vote is remembered here. Only
    // an id kept from before votes were remembered asks the server for its vote, once.
    const known = knownVote(endpoint);
    const read =
      known === undefined
        ? fetchVotes(endpoint, voterId(endpoint), abort.signal).then((summary) => {
            rememberVote(endpoint, summary.yourVote);
            return summary;
          })
        : fetchTallies(endpoint, abort.signal, this.summary !== undefined).then((tallies) => ({
            ...tallies,
            yourVote: known !== null && Object.hasOwn(tallies.tallies, known) ? known : null,
          }));
    read.then(
      (summary) => {
        if (abort.signal.aborted || generation !== this.generation || this.pending) return;
        this.show(summary);
      },
      () => {
        if (abort.signal.aborted || generation !== this.generation) return;
        // A dropped connection should not leave "—" for good: try again a few times, backing off.
        // Meanwhile voting still works, and its answer fills the results in.
        if (attempt < RESULT_RETRIES.length) {
          const timer = setTimeout(() => this.load(attempt + 1), RESULT_RETRIES[attempt]);
          abort.signal.addEventListener('abort', () => clearTimeout(timer));
        } else if (!this.summary) {
          this.unavailable = true;
          this.host.requestUpdate();
        }
      },
    );
  }

  /** The reader pressed a tool's vote button: vote for it, or withdraw when it is their vote. */
  async choose(toolId: string): Promise<void> {
    const endpoint = this.endpoint;
    if (!endpoint || this.pending) return;
    const previous = this.summary;
    const withdrawing = previous?.yourVote === toolId;
    const comparisonId = this.comparisonId;
    const generation = this.generation;
    const events = this.events;
    const intent = withdrawing
      ? new events.withdraw({ comparisonId, toolId })
      : new events.vote({ comparisonId, toolId });
    if (!this.host.dispatchEvent(intent)) return;

    this.loadAbort?.abort();
    this.pending = true;
    this.outcome = undefined;
    if (previous) this.summary = applyVote(previous, withdrawing ? null : toolId);
    this.host.requestUpdate();

    const current = () => generation === this.generation;
    try {
      const id = voterId(endpoint);
      const summary = withdrawing ? await withdrawVote(endpoint, id) : await castVote(endpoint, id, toolId);
      rememberVote(endpoint, summary.yourVote);
      // The server stored it whatever the widget shows now, so the host always hears about it.
      const detail = { comparisonId, toolId, tallies: summary.tallies, total: summary.total };
      if (current()) {
        this.show(summary);
        this.outcome = { kind: withdrawing ? 'withdrawn' : 'saved', toolId };
      }
      // The page's other widgets of this comparison show the reader's vote too (and know it, so
      // pressing it there withdraws it).
      // A read of theirs still on its way is older than this answer: it must not undo it.
      for (const other of controllers) {
        if (other === this || other.endpoint !== endpoint || other.pending) continue;
        other.loadAbort?.abort();
        other.show(summary);
      }
      this.host.dispatchEvent(withdrawing ? new events.withdrawn(detail) : new events.voted(detail));
    } catch (error) {
      const { code, message } =
        error instanceof VoteRequestError ? error : { code: 'network' as const, message: String(error) };
      if (current()) {
        this.summary = previous;
        this.outcome = { kind: 'failed', toolId, code, message, words: VOTE_FAILURE_TEXT[code] };
      }
      this.host.dispatchEvent(new events.error({ comparisonId, toolId, code, message }));
      // The vote raced the first load and lost both: ask for the results again.
      if (current() && !previous) this.load();
    } finally {
      if (current()) {
        this.pending = false;
        this.host.requestUpdate();
      }
    }
  }
}

/** The results after this reader's vote moves to `toolId` (or is withdrawn, for null). */
export function applyVote(summary: VoteSummary, toolId: string | null): VoteSummary {
  const tallies = { ...summary.tallies };
  // Tool ids are publisher data: "constructor" must not find Object.prototype's member.
  const own = (id: string) => (Object.hasOwn(tallies, id) ? tallies[id] : undefined);
  let total = summary.total;
  if (summary.yourVote) {
    tallies[summary.yourVote] = Math.max(0, (own(summary.yourVote) ?? 0) - 1);
    total -= 1;
  }
  if (toolId) {
    tallies[toolId] = (own(toolId) ?? 0) + 1;
    total += 1;
  }
  return { ...summary, tallies, total: Math.max(0, total), yourVote: toolId };
}
