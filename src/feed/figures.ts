/** Figures derived from a feed and the vote tallies. They are computed, never read from input. */
import type { Feed, Tool } from '../../contract/feed-schema.js';

/** Vote counts per tool id. */
export type Tallies = Record<string, number>;

/**
 * A record's own value for a key. Tool ids are publisher data, and a valid slug such as
 * "constructor" must not find Object.prototype's member instead of a missing entry.
 */
export const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

export interface PanelScore {
  /** Reviewers who gave this tool any verdict. */
  reviewed: number;
  /** Of those, how many said "ship". */
  ship: number;
  /** Whole percent, or null when nobody gave a verdict (shown as "—"). */
  percent: number | null;
}

export function panelShipScore(feed: Feed, toolId: string): PanelScore {
  let reviewed = 0;
  let ship = 0;
  for (const reviewer of feed.reviewers ?? []) {
    const verdict = own(reviewer.verdicts, toolId);
    if (!verdict) continue;
    reviewed++;
    if (verdict.verdict === 'ship') ship++;
  }
  return { reviewed, ship, percent: reviewed ? Math.round((ship / reviewed) * 100) : null };
}

export interface CommunityScore {
  votes: number;
  total: number;
  /** Whole percent, or null when nobody has voted (shown as "—"). */
  percent: number | null;
}

export function communityScore(tallies: Tallies, tools: readonly Tool[], toolId: string): CommunityScore {
  const total = tools.reduce((sum, tool) => sum + (own(tallies, tool.id) ?? 0), 0);
  // `+ 0` makes a tally of -0 (which JSON allows) the 0 that every language writes as 0.
  const votes = (own(tallies, toolId) ?? 0) + 0;
  return { votes, total, percent: total ? Math.round((votes / total) * 100) : null };
}
