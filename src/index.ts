/** Public API: importing this module registers `<ai-compare>` and exports its types. */
import './define.js';

export { AiCompare } from './ai-compare.js';
export * from './events.js';
export { parseFeed, formatPath, MAX_FEED_BYTES } from '../contract/feed-schema.js';
export type { Feed, FeedInput, FeedParseResult, FeedProblem, Reviewer, Tool, Verdict } from '../contract/feed-schema.js';
export { panelShipScore, communityScore } from './feed/figures.js';
export type { CommunityScore, PanelScore, Tallies } from './feed/figures.js';
export type { FeedError, FeedErrorCode } from './feed/load-feed.js';
export type { VoteSummary } from '../contract/vote-api.js';
export type { Message, Plural, UiStrings } from './i18n/en.js';
