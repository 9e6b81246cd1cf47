/**
 * `dist/ai-compare.js`, the single self-contained file for script tags: everything `index.ts`
 * exports, with the dependency-free feed check standing in for the zod parser (same results,
 * proven by a differential test), so the file does not carry zod.
 */
export * from './index.js';
export { checkFeed as parseFeed } from '../contract/feed-check.js';
