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
import type { VoteController, VoteEvents, VoteHost } from './vote-controller.js';

const events: VoteEvents = {
  vote: AiCompareVoteEvent,
  withdraw: AiCompareWithdrawEvent,
  voted: AiCompareVotedEvent,
  withdrawn: AiCompareWithdrawnEvent,
  error: AiCompareVoteErrorEvent,
};

export class Votes {
  private readonly host: VoteHost;
  private controller?: VoteController;
  private loading?: Promise<void>;
  /** The chunk could not be loaded: the results say they are unavailable. */
  private failed = false;
  private tracked: Parameters<VoteController['track']> = [undefined, '', false];

  constructor(host: VoteHost) {
    this.host = host;
  }

  /** Points voting at an endpoint (or none); loads the machinery the first time there is one. */
  track(...tracked: Parameters<VoteController['track']>): void {
    this.tracked = tracked;
    if (this.controller) this.controller.track(...tracked);
    else if (tracked[0]) this.load();
  }

  private load(): Promise<void> {
    return (this.loading ??= import('./vote-controller.js').then(
      ({ VoteController }) => {
        this.controller = new VoteController(this.host, events);
        this.controller.track(...this.tracked);
        this.host.requestUpdate();
      },
      () => {
        this.failed = true;
        this.host.requestUpdate();
      },
    ));
  }

  get enabled(): boolean {
    return this.controller ? this.controller.enabled : this.tracked[0] !== undefined;
  }

  get summary(): VoteController['summary'] {
    return this.controller?.summary;
  }

  get pending(): boolean {
    return !!this.controller?.pending;
  }

  get unavailable(): boolean {
    return this.controller ? this.controller.unavailable : this.failed;
  }

  get outcome(): VoteController['outcome'] {
    return this.controller?.outcome;
  }

  /** The reader pressed a tool's vote button (before the chunk arrived, once it has). */
  async choose(toolId: string): Promise<void> {
    await this.load();
    await this.controller?.choose(toolId);
  }
}
