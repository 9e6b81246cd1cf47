/** Feeds for tests: the launch comparison as shipped, and small feeds built in code. */
import type { FeedInput } from '../../contract/feed-schema.js';

export const LAUNCH_FEED_URL = '/demo/feeds/cursor-vs-smolvlm2.json';

export async function launchFeed(): Promise<FeedInput> {
  const response = await fetch(LAUNCH_FEED_URL);
  return (await response.json()) as FeedInput;
}

/** A small valid feed; `patch` replaces top-level fields. */
export function makeFeed(patch: Partial<Record<keyof FeedInput, unknown>> = {}): FeedInput {
  return {
    schemaVersion: 1,
    id: 'alpha-vs-beta',
    title: 'Alpha vs Beta',
    tools: [
      { id: 'alpha', name: 'Alpha', category: 'Chat', tagline: 'The first tool', pricing: { entry: '$10/mo' } },
      { id: 'beta', name: 'Beta', category: 'Search', tagline: 'The second tool', pricing: { entry: 'Free' } },
    ],
    reviewers: [
      { id: 'one', name: 'Reviewer One', verdicts: { alpha: { verdict: 'ship' }, beta: { verdict: 'skip' } } },
      { id: 'two', name: 'Reviewer Two', verdicts: { alpha: { verdict: 'ship' }, beta: { verdict: 'ship' } } },
      { id: 'three', name: 'Reviewer Three', verdicts: { alpha: { verdict: 'skip' } } },
    ],
    ...patch,
  } as FeedInput;
}

/** Deep copy, so a test can break one field of a shared feed. */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
