/**
 * `dist/ai-compare.js`, the single self-contained file for script tags: the element, its events
 * and the figures helpers, without zod (the widget checks feeds with the dependency-free twin of
 * the schema, proven to agree by a differential test). Validating a feed from code, with every
 * problem in words, is the npm package's `parseFeed` (and the CLI's `ai-compare validate`).
 */
import './define.js';

export { AiCompare } from './ai-compare.js';
export * from './events.js';
export { MAX_FEED_BYTES } from '../contract/feed-check.js';
export { panelShipScore, communityScore } from './feed/figures.js';
