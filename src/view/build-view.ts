/**
 * Everything the widget shows, computed once per update from plain inputs: the feed, the vote
 * state, the UI strings and the locale. No DOM, no `navigator`, no I/O, so the same view renders
 * in the browser and on the server, and the templates only read it.
 */
import type { Feed, Reviewer, Tool } from '../../contract/feed-schema.js';
import type { VoteSummary } from '../../contract/vote-api.js';
import { communityScore, own, panelShipScore, type Tallies } from '../feed/figures.js';
import type { FeedError, FeedErrorCode } from '../feed/load-feed.js';
import { formatDay, formatInteger, formatPercent, textDirection } from '../i18n/format.js';
import type { UiStrings } from '../i18n/strings.js';
import type { VoteOutcome } from '../votes/vote-controller.js';
import { VOTE_FAILURE_TEXT } from '../votes/vote-failure.js';

/** Quotes longer than this start collapsed behind a "Read more" toggle. */
export const LONG_QUOTE = 280;

/** The vote state a view needs; `enabled` is false when there is no endpoint or voting is off. */
export interface VoteState {
  enabled: boolean;
  summary?: VoteSummary;
  pending?: boolean;
  unavailable?: boolean;
  outcome?: VoteOutcome;
}

export interface ViewInput {
  status: 'loading' | 'ready' | 'error';
  feed?: Feed;
  error?: FeedError;
  votes: VoteState;
  /** The resolved UI strings for `locale`. */
  strings: UiStrings;
  /** A canonical BCP 47 tag; numbers and dates are formatted for it. */
  locale: string;
  /** Quotes the reader expanded, keyed `reviewerId/toolId`. */
  expandedQuotes?: ReadonlySet<string>;
  /** The reader sent the call to action's sign-up form. */
  subscribed?: boolean;
}

interface ViewBase {
  /** The UI language and its writing direction. */
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: UiStrings;
}

export interface LoadingView extends ViewBase {
  kind: 'loading';
}

export interface ErrorView extends ViewBase {
  kind: 'error';
  code: FeedErrorCode;
  /** A short sentence for readers; the problems themselves go to the publisher (event, console). */
  reason: string;
}

export interface FigureView {
  label: string;
  value: string;
  detail: string;
  /** Bar length, 0–100. */
  share: number;
}

export interface CardView {
  index: number;
  category?: string;
  name: string;
  url?: string;
  logo?: string;
  tagline?: string;
  description?: string;
  panel: FigureView;
  community: FigureView;
  price?: { label: string; value: string; details?: string; url?: string; linkText: string };
}

export interface VoteButtonView {
  toolId: string;
  index: number;
  label: string;
  pressed: boolean;
}

export interface ResultsView {
  title: string;
  /** Absent when voting is off (static tallies only). */
  voting?: { prompt: string; buttons: VoteButtonView[]; busy: boolean };
  /** The results are still on their way. */
  busy: boolean;
  segments: { share: number; text: string }[];
  totalText: string;
  yourVote?: string;
  failure: string;
  announcement: string;
}

export interface QuoteView {
  id: string;
  /** `reviewerId/toolId`, what the toggle flips. */
  key: string;
  text: string;
  long: boolean;
  expanded: boolean;
  toggleText: string;
  toggleLabel: string;
}

export interface VerdictCellView {
  toolName: string;
  verdict: 'ship' | 'skip' | 'none';
  verdictText: string;
  pick?: string;
  quote?: QuoteView;
}

export interface ReviewerRowView {
  name: string;
  focus?: string;
  avatar?: string;
  cells: VerdictCellView[];
}

export interface ScorecardView {
  title: string;
  caption: string;
  reviewerHeader: string;
  toolHeaders: string[];
  rows: ReviewerRowView[];
}

export interface ReadyView extends ViewBase {
  kind: 'ready';
  header: {
    kicker?: string;
    title: string;
    summary?: string;
    updated?: { datetime: string; text: string };
    source?: { label: string; name: string; url?: string };
  };
  cards: CardView[];
  results?: ResultsView;
  scorecard?: ScorecardView;
  cta?: CtaView;
}

export interface CtaView {
  title: string;
  text?: string;
  note?: string;
  url: string;
  /** An e-mail sign-up form that posts straight to the publisher's newsletter provider. */
  subscribe?: {
    action: string;
    method: 'post' | 'get';
    field: string;
    label: string;
    button: string;
    /** "Check your inbox", once the reader sent the form; empty before. */
    done: string;
  };
}

export type ComparisonView = LoadingView | ErrorView | ReadyView;

export function buildView(input: ViewInput): ComparisonView {
  const { status, feed, error, strings, locale } = input;
  const base: ViewBase = { lang: locale, dir: textDirection(locale), strings };
  if (status === 'ready' && feed) return readyView(feed, input, base);
  if (status === 'error' && error) {
    const reason = error.code === 'http' && error.status ? strings.httpStatus(error.status) : strings.errorCodes[error.code];
    return { ...base, kind: 'error', code: error.code, reason };
  }
  return { ...base, kind: 'loading' };
}

function readyView(feed: Feed, input: ViewInput, base: ViewBase): ReadyView {
  const { votes, strings: t, locale } = input;
  // With voting on, the feed's static tallies (a prerendered page's current count) stand in until
  // the live results arrive, so taking over prerendered markup changes nothing on screen.
  const tallies = (votes.enabled && votes.summary?.tallies) || feed.community;
  const source = feed.source;
  return {
    ...base,
    kind: 'ready',
    header: {
      kicker: feed.kicker,
      title: feed.title,
      summary: feed.summary,
      updated: feed.updated ? { datetime: feed.updated, text: t.updated(formatDay(locale, feed.updated)) } : undefined,
      source: source ? { label: t.source, name: source.name, url: source.url } : undefined,
    },
    cards: feed.tools.map((tool, index) => cardView(feed, tool, index, tallies, input)),
    results: resultsView(feed, tallies, input),
    scorecard: scorecardView(feed, input),
    cta: feed.cta ? ctaView(feed.cta, input) : undefined,
  };
}

function percentText(t: UiStrings, locale: string, percent: number | null | undefined): string {
  return percent == null ? t.dash : formatPercent(locale, percent);
}

function ctaView(cta: NonNullable<Feed['cta']>, input: ViewInput): CtaView {
  const t = input.strings;
  const { title, text, note, url, subscribe } = cta;
  if (!subscribe) return { title, text, note, url };
  return {
    title,
    text,
    note,
    url,
    subscribe: {
      action: subscribe.action,
      method: subscribe.method === 'get' ? 'get' : 'post',
      field: subscribe.emailField ?? 'email',
      label: t.subscribeEmail,
      button: t.subscribeButton,
      done: input.subscribed ? t.subscribeDone : '',
    },
  };
}

function cardView(feed: Feed, tool: Tool, index: number, tallies: Tallies | undefined, input: ViewInput): CardView {
  const { strings: t, locale, votes } = input;
  const panel = panelShipScore(feed, tool.id);
  const community = tallies ? communityScore(tallies, feed.tools, tool.id) : undefined;
  let communityDetail: string;
  if (community?.total) {
    communityDetail = t.communityDetail(formatInteger(locale, community.votes), formatInteger(locale, community.total));
  } else if (community) communityDetail = t.noVotes;
  else communityDetail = votes.unavailable ? t.votesUnavailable : t.votesLoading;
  const pricing = tool.pricing;
  return {
    index,
    category: tool.category,
    name: tool.name,
    url: tool.url,
    logo: tool.logo,
    tagline: tool.tagline,
    description: tool.description,
    panel: {
      label: t.panelShip,
      value: percentText(t, locale, panel.percent),
      detail: panel.reviewed
        ? t.panelShipDetail(formatInteger(locale, panel.ship), formatInteger(locale, panel.reviewed))
        : t.noVerdicts,
      share: panel.percent ?? 0,
    },
    community: {
      label: t.community,
      value: percentText(t, locale, community?.percent),
      detail: communityDetail,
      share: community?.percent ?? 0,
    },
    price: pricing
      ? { label: t.entryPrice, value: pricing.entry, details: pricing.details, url: pricing.url, linkText: t.pricingDetails }
      : undefined,
  };
}

function resultsView(feed: Feed, tallies: Tallies | undefined, input: ViewInput): ResultsView | undefined {
  const { votes, strings: t, locale } = input;
  if (!votes.enabled && !feed.community) return undefined;
  const summary = votes.summary;
  const scores = feed.tools.map((tool) => (tallies ? communityScore(tallies, feed.tools, tool.id) : undefined));
  const total = scores[0]?.total ?? 0;
  const totalCount = t.totalVotes(formatInteger(locale, total), total);
  const segments = feed.tools.map((tool, index) => ({
    share: scores[index]?.percent ?? 0,
    text: t.toolPercent(tool.name, percentText(t, locale, scores[index]?.percent)),
  }));
  const resultText = t.resultsSummary(
    segments.map((segment) => segment.text),
    totalCount,
  );
  const outcome = votes.outcome;
  let announcement = '';
  if (outcome?.kind === 'saved') announcement = t.voteSaved(resultText);
  else if (outcome?.kind === 'withdrawn') announcement = t.voteWithdrawn(resultText);
  const failure = outcome?.kind === 'failed' ? t[VOTE_FAILURE_TEXT[outcome.code]] : '';
  const voted = summary?.yourVote ? feed.tools.find((tool) => tool.id === summary.yourVote) : undefined;
  return {
    title: t.communityVote,
    voting: votes.enabled
      ? {
          prompt: t.votePrompt,
          busy: !!votes.pending,
          buttons: feed.tools.map((tool, index) => ({
            toolId: tool.id,
            index,
            label: t.voteFor(tool.name),
            pressed: summary?.yourVote === tool.id,
          })),
        }
      : undefined,
    busy: votes.enabled && !summary && !votes.unavailable,
    segments,
    totalText: tallies ? totalCount : votes.unavailable ? t.votesUnavailable : t.votesLoading,
    yourVote: summary?.yourVote && !votes.pending ? t.yourVote(voted?.name ?? summary.yourVote) : undefined,
    failure,
    announcement,
  };
}

function scorecardView(feed: Feed, input: ViewInput): ScorecardView | undefined {
  const reviewers = feed.reviewers ?? [];
  if (!reviewers.length) return undefined;
  const t = input.strings;
  const [a, b] = feed.tools;
  return {
    title: t.scorecard,
    caption: t.scorecardCaption(`${a.name} ${t.versus} ${b.name}`),
    reviewerHeader: t.reviewer,
    toolHeaders: feed.tools.map((tool) => tool.name),
    rows: reviewers.map((reviewer, row) => reviewerRow(reviewer, row, feed.tools, input)),
  };
}

function reviewerRow(reviewer: Reviewer, row: number, tools: readonly Tool[], input: ViewInput): ReviewerRowView {
  const t = input.strings;
  return {
    name: reviewer.name,
    focus: reviewer.focus,
    avatar: reviewer.avatar,
    cells: tools.map((tool, column): VerdictCellView => {
      const verdict = own(reviewer.verdicts, tool.id);
      const key = `${reviewer.id}/${tool.id}`;
      const quote = verdict?.quote;
      const long = !!quote && quote.length > LONG_QUOTE;
      const expanded = !!input.expandedQuotes?.has(key);
      return {
        toolName: tool.name,
        verdict: verdict ? (verdict.verdict === 'ship' ? 'ship' : 'skip') : 'none',
        verdictText: verdict ? (verdict.verdict === 'ship' ? t.ship : t.skip) : t.noVerdict,
        pick: reviewer.pick === tool.id ? t.picks : undefined,
        quote: quote
          ? {
              id: `quote-${row}-${column}`,
              key,
              text: quote,
              long,
              expanded,
              toggleText: expanded ? t.less : t.more,
              toggleLabel: t.quoteBy(reviewer.name, tool.name),
            }
          : undefined,
      };
    }),
  };
}
