/**
 * Every word the widget shows or announces. Feed text is the publisher's and is shown as written;
 * these are the widget's own words. English ships inside the bundle; other languages are modules
 * of their own (`de.ts`, …) loaded on demand.
 *
 * A message is a template: `{name}` is replaced by a value (numbers are formatted for the
 * language with `Intl.NumberFormat`). A message that depends on a number is a set of plural forms
 * keyed by `Intl.PluralRules` category (`zero`, `one`, `two`, `few`, `many`, `other`), chosen by
 * its `{count}`; `other` is required.
 */

import type { enErrorWords } from './en-errors.js';
import type { enVoteWords } from './en-votes.js';

/** Plural forms of one message, keyed by `Intl.PluralRules` category; `other` is required. */
export type Plural = { [category in Intl.LDMLPluralRule]?: string } & { other: string };

/** A template (`"Vote for {name}"`) or, for messages about a `{count}`, its plural forms. */
export type Message = string | Plural;

/**
 * The widget's words in one language. Set part of it on the element's `strings` property to
 * rename labels; set all of it to add a language. Placeholders are given per key.
 */
export interface UiStrings {
  /** Announced while the feed loads. */
  loading: string;
  /** Error panel heading. */
  errorTitle: string;
  /** Why: the feed could not be reached. */
  errorNetwork: string;
  /** Why: the feed server refused (without a status). */
  errorHttp: string;
  /** Why: the feed server answered `{status}`. */
  errorStatus: string;
  /** Why: the feed took too long. */
  errorTimeout: string;
  /** Why: the feed is not JSON. */
  errorParse: string;
  /** Why: the feed does not follow the format. */
  errorInvalid: string;
  /** Why: the feed is larger than `{size}` KiB. */
  errorTooLarge: string;
  /** The two tool names together, inside `scorecardCaption`: `{first}`, `{second}`. */
  versus: string;
  /** `{date}`: the feed's date, formatted. */
  updated: string;
  /** Before the source's name. */
  source: string;
  /** Label of the reviewer panel's figure. */
  panelShip: string;
  /** `{ship}` of `{count}` reviewers recommend the tool; plural by `{count}`. */
  panelShipDetail: Message;
  /** When no reviewer judged the tool. */
  noVerdicts: string;
  /** Label of the community figure. */
  community: string;
  /** `{votes}` of `{count}` votes went to the tool; plural by `{count}`. */
  communityDetail: Message;
  /** No one has voted yet. */
  noVotes: string;
  /** While the results load. */
  votesLoading: string;
  /** When the results cannot be loaded. */
  votesUnavailable: string;
  /** Label of the entry price. */
  entryPrice: string;
  /** Link to the pricing page. */
  pricingDetails: string;
  /** Scorecard heading. */
  scorecard: string;
  /** Scorecard table caption; `{tools}`: the two names (see `versus`). */
  scorecardCaption: string;
  /** Column heading of the reviewers. */
  reviewer: string;
  /** A "ship" verdict. */
  ship: string;
  /** A "skip" verdict. */
  skip: string;
  /** No verdict for this tool. */
  noVerdict: string;
  /** The reviewer's pick of the two. */
  picks: string;
  /** Expands a long quote. */
  more: string;
  /** Collapses it again. */
  less: string;
  /** Completes "Read more" for screen readers: `{reviewer}`, `{tool}`. */
  quoteBy: string;
  /** Heading of the vote section. */
  communityVote: string;
  /** Question above the vote buttons. */
  votePrompt: string;
  /** Vote button; `{name}`: the tool. */
  voteFor: string;
  /** All votes so far; plural by `{count}`. */
  totalVotes: Message;
  /** `{name}`: the tool the reader voted for. */
  yourVote: string;
  /** Announced after a vote; `{summary}`: the results. */
  voteSaved: string;
  /** Announced after a withdrawal; `{summary}`: the results. */
  voteWithdrawn: string;
  /** A vote failed. */
  voteFailed: string;
  /** A vote was refused as too frequent. */
  voteBusy: string;
  /** A vote was refused because the comparison does not take votes from this site. */
  voteNotHere: string;
  /** The results in one sentence: `{first}`, `{second}` (each a tool's share), `{total}`. */
  resultsSummary: string;
  /** A tool's share: `{name}`, `{percent}`. */
  toolPercent: string;
  /** Stands for a figure that does not exist yet. */
  dash: string;
  /** Label of the e-mail field of the call to action's sign-up form. */
  subscribeEmail: string;
  /** The sign-up form's button. */
  subscribeButton: string;
  /** Shown once the reader sent the sign-up form. */
  subscribeDone: string;
}

/** Words the bundle does without: each comes with the chunk whose state shows it. */
export type LaterWords = keyof typeof enVoteWords | keyof typeof enErrorWords;

/** The words the bundle carries: everything a comparison shows before any chunk arrives. */
export type BundledWords = Omit<UiStrings, LaterWords>;

export const en: BundledWords = {
  loading: 'Loading comparison…',
  errorTitle: 'This comparison could not be loaded.',
  versus: '{first} vs {second}',
  updated: 'Updated {date}',
  source: 'Comparison by',
  panelShip: 'Panel ship',
  panelShipDetail: { one: '{ship} of {count} reviewer says ship', other: '{ship} of {count} reviewers say ship' },
  noVerdicts: 'No reviewer verdicts yet',
  community: 'Community',
  communityDetail: { one: '{votes} of {count} vote', other: '{votes} of {count} votes' },
  noVotes: 'No votes yet',
  votesLoading: 'Loading votes…',
  votesUnavailable: 'Votes are unavailable right now',
  entryPrice: 'Entry',
  pricingDetails: 'Pricing details',
  scorecard: 'Reviewer scorecard',
  scorecardCaption: 'How each reviewer rated {tools}',
  reviewer: 'Reviewer',
  ship: 'Ship',
  skip: 'Skip',
  noVerdict: 'No verdict',
  picks: 'Pick',
  more: 'Read more',
  less: 'Show less',
  quoteBy: ': {reviewer} on {tool}',
  communityVote: 'Community vote',
  votePrompt: 'Which one would you ship with?',
  voteFor: 'Vote for {name}',
  totalVotes: { one: '{count} vote', other: '{count} votes' },
  toolPercent: '{name} {percent}',
  dash: '—',
  subscribeEmail: 'Email address',
  subscribeButton: 'Subscribe',
  subscribeDone: 'Check your inbox to confirm your subscription.',
};
