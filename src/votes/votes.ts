/**
 * The element's handle on voting. The machinery itself (vote client, voter id, vote token, live
 * results) is a chunk beside the bundle, asked for as soon as the widget knows its vote endpoint;
 * meanwhile the comparison paints with its static figures and the vote buttons in place, as it
 * does while the results load, so nothing moves when the chunk arrives.
 */
import {
  AiCompareVoteErrorEvent,
  AiCompareVoteEvent,
  AiCompareVotedEvent,
  AiCompareWithdrawEvent,
  AiCompareWithdrawnEvent,
} from '../events.js';
import type { VoteState } from '../view/build-view.js';
import type { VoteController, VoteEvents, VoteHost } from './vote-controller.js';

const events: VoteEvents = {
  vote: AiCompareVoteEvent,
  withdraw: AiCompareWithdrawEvent,
  voted: AiCompareVotedEvent,
  withdrawn: AiCompareWithdrawnEvent,
  error: AiCompareVoteErrorEvent,
};

export class Votes {
  readonly #host: VoteHost;
  #controller?: VoteController;
  #loading?: Promise<boolean>;
  /**
   * What the view shows until the chunk arrives; `unavailable` when it could not be loaded, with
   * the `outcome` of a click that found it still missing.
   */
  readonly #waiting: VoteState = { enabled: false };
  /** Set by `track`, which every update calls before anything can vote or show the vote state. */
  #tracked!: Parameters<VoteController['track']>;

  constructor(host: VoteHost) {
    this.#host = host;
  }

  /** The vote state the view shows: the controller's, once the chunk is there. */
  get state(): VoteState {
    return this.#controller ?? this.#waiting;
  }

  /** Points voting at an endpoint (or none); loads the machinery the first time there is one. */
  track(...tracked: Parameters<VoteController['track']>): void {
    this.#tracked = tracked;
    this.#waiting.enabled = tracked[0] !== undefined;
    if (this.#controller) this.#controller.track(...tracked);
    else if (tracked[0] && !this.#waiting.unavailable) void this.#load();
  }

  /**
   * Resolves false when the chunk could not be loaded (offline, blocked). A click asks again,
   * but most engines remember a failed module load until the page is reloaded.
   */
  #load(): Promise<boolean> {
    return (this.#loading ??= import('./vote-controller.js').then(
      ({ VoteController }) => {
        this.#controller = new VoteController(this.#host, events);
        this.#controller.track(...this.#tracked);
        this.#host.requestUpdate();
        return true;
      },
      () => {
        this.#loading = undefined;
        this.#waiting.unavailable = true;
        this.#host.requestUpdate();
        return false;
      },
    ));
  }

  /** The reader pressed a tool's vote button (before the chunk arrived, once it has). */
  async choose(toolId: string): Promise<void> {
    if (await this.#load()) return this.#controller?.choose(toolId);
    // Nothing could be sent. "Try again" would not help until the page is reloaded, so the
    // reader is told what the results already say.
    const message = 'The voting code could not be loaded.';
    this.#waiting.outcome = { kind: 'failed', toolId, code: 'network', message, words: 'votesUnavailable' };
    this.#host.dispatchEvent(new AiCompareVoteErrorEvent({ comparisonId: this.#tracked[1], toolId, code: 'network', message }));
    this.#host.requestUpdate();
  }
}
