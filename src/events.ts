/** The events `<ai-compare>` fires. All bubble and cross the shadow boundary. */
import type { FeedErrorCode } from './feed/load-feed.js';
import type { Tallies } from './feed/figures.js';
import type { Feed, FeedProblem } from '../contract/feed-schema.js';
import type { VoteErrorCode } from '../contract/vote-api.js';

const init: EventInit = { bubbles: true, composed: true };

/** A valid feed was rendered. */
export class AiCompareLoadEvent extends Event {
  static readonly eventName = 'ai-compare-load';
  declare readonly detail: { feed: Feed };
  constructor(feed: Feed) {
    super(AiCompareLoadEvent.eventName, init);
    this.detail = { feed };
  }
}

/** What went wrong with a feed, for the publisher (readers see a short localized sentence). */
export interface FeedErrorDetail {
  code: FeedErrorCode;
  /** The error in plain words; for an invalid feed, its first problem as `path: message`. */
  message: string;
  /** The first bad path of an invalid feed, like `tools[1].url`. */
  path?: string;
  /** Every problem of an invalid feed (`code: 'invalid'`), in document order. */
  problems?: FeedProblem[];
}

/** The feed could not be shown. */
export class AiCompareErrorEvent extends Event {
  static readonly eventName = 'ai-compare-error';
  declare readonly detail: FeedErrorDetail;
  constructor(detail: FeedErrorDetail) {
    super(AiCompareErrorEvent.eventName, init);
    this.detail = detail;
  }
}

/** A reader is about to vote. Cancel it (`preventDefault()`) to record the vote your own way. */
export class AiCompareVoteEvent extends Event {
  static readonly eventName = 'ai-compare-vote';
  declare readonly detail: { comparisonId: string; toolId: string };
  constructor(detail: { comparisonId: string; toolId: string }) {
    super(AiCompareVoteEvent.eventName, { ...init, cancelable: true });
    this.detail = detail;
  }
}

/** A reader is about to withdraw their vote. Cancelable like `ai-compare-vote`. */
export class AiCompareWithdrawEvent extends Event {
  static readonly eventName = 'ai-compare-withdraw';
  declare readonly detail: { comparisonId: string; toolId: string };
  constructor(detail: { comparisonId: string; toolId: string }) {
    super(AiCompareWithdrawEvent.eventName, { ...init, cancelable: true });
    this.detail = detail;
  }
}

export interface VoteResultDetail {
  comparisonId: string;
  toolId: string;
  tallies: Tallies;
  total: number;
}

/** The server stored the vote. */
export class AiCompareVotedEvent extends Event {
  static readonly eventName = 'ai-compare-voted';
  declare readonly detail: VoteResultDetail;
  constructor(detail: VoteResultDetail) {
    super(AiCompareVotedEvent.eventName, init);
    this.detail = detail;
  }
}

/** The server withdrew the vote; `toolId` is the tool the vote had been for. */
export class AiCompareWithdrawnEvent extends Event {
  static readonly eventName = 'ai-compare-withdrawn';
  declare readonly detail: VoteResultDetail;
  constructor(detail: VoteResultDetail) {
    super(AiCompareWithdrawnEvent.eventName, init);
    this.detail = detail;
  }
}

/** A vote or withdrawal failed and the results shown were rolled back. */
export class AiCompareVoteErrorEvent extends Event {
  static readonly eventName = 'ai-compare-vote-error';
  declare readonly detail: { comparisonId: string; toolId: string; code: VoteErrorCode; message: string };
  constructor(detail: { comparisonId: string; toolId: string; code: VoteErrorCode; message: string }) {
    super(AiCompareVoteErrorEvent.eventName, init);
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ai-compare-load': AiCompareLoadEvent;
    'ai-compare-error': AiCompareErrorEvent;
    'ai-compare-vote': AiCompareVoteEvent;
    'ai-compare-withdraw': AiCompareWithdrawEvent;
    'ai-compare-voted': AiCompareVotedEvent;
    'ai-compare-withdrawn': AiCompareWithdrawnEvent;
    'ai-compare-vote-error': AiCompareVoteErrorEvent;
  }
}
