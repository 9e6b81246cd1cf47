/**
 * Everything the widget shows, computed once per update from plain inputs: the feed, the vote
 * state, the UI strings and the locale. No DOM, no `navigator`, no I/O, so the same view renders
 * in the browser and on the server, and the templates only read it.
 */
import { MAX_FEED_BYTES, type Feed, type Reviewer, type Tool } from '../../contract/feed-schema.js';
import type { VoteSummary } from '../../contract/vote-api.js';
import { communityScore, own, panelShipScore, type Tallies } from '../feed/figures.js';
import type { FeedError, FeedErrorCode } from '../feed/load-feed.js';
import { formatDay, formatPercent, textDirection } from '../i18n/format.js';
import type { UiStrings } from '../i18n/en.js';
import { translator, type Translate } from '../i18n/translate.js';
import type { VoteOutcome } from '../votes/vote-controller.js';

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
  /** The writing direction; by default the language's. */
  dir?: 'ltr' | 'rtl';
  /** The scheme to draw in; absent follows the reader's system setting. */
  scheme?: 'light' | 'dark';
  /** Quotes the reader expanded, keyed `reviewerId/toolId`. */
  expandedQuotes?: ReadonlySet<string>;
  /** The reader sent the call to action's sign-up form. */
  subscribed?: boolean;
}

interface ViewBase {
  /** The UI language and its writing direction. */
  lang: string;
  dir: 'ltr' | 'rtl';
  scheme?: 'light' | 'dark';
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

/** The words that say why a feed could not be shown. */
const ERROR_KEYS = {
  network: 'errorNetwork',
  http: 'errorHttp',
  timeout: 'errorTimeout',
  parse: 'errorParse',
  invalid: 'errorInvalid',
  'too-large': 'errorTooLarge',
} as const satisfies Record<FeedErrorCode, keyof UiStrings>;

/** The input with its translator, as the parts of the view need it. */
interface Context extends ViewInput {
  t: Translate;
}

export function buildView(input: ViewInput): ComparisonView {
  const { status, feed, error, strings, locale } = input;
  const dir = input.dir ?? textDirection(locale);
  const t = translator(strings, locale, dir === 'rtl');
  const base: ViewBase = { lang: locale, dir, scheme: input.scheme, strings };
  if (status === 'ready' && feed) return readyView(feed, { ...input, t }, base);
  if (status === 'error' && error) {
    const reason =
      error.code === 'http' && error.status
        ? t('errorStatus', { status: String(error.status) })
        : t(ERROR_KEYS[error.code], { size: MAX_FEED_BYTES / 1024 });
    // Readers get the reason in their language; the problems themselves go to the publisher
    // (the ai-compare-error event and the console), never onto the page.
    return { ...base, kind: 'error', code: error.code, reason };
  }
  return { ...base, kind: 'loading' };
}

function readyView(feed: Feed, input: Context, base: ViewBase): ReadyView {
  const { votes, t, locale } = input;
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
      updated: feed.updated ? { datetime: feed.updated, text: t('updated', { date: formatDay(locale, feed.updated) }) } : undefined,
      source: source ? { label: t('source'), name: source.name, url: source.url } : undefined,
    },
    cards: feed.tools.map((tool, index) => cardView(feed, tool, index, tallies, input)),
    results: resultsView(feed, tallies, input),
    scorecard: scorecardView(feed, input),
    cta: feed.cta ? ctaView(feed.cta, input) : undefined,
  };
}

function percentText(t: Translate, locale: string, percent: number | null | undefined): string {
  return percent == null ? t('dash') : formatPercent(locale, percent);
}

function ctaView(cta: NonNullable<Feed['cta']>, input: Context): CtaView {
  const { t } = input;
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
      label: t('subscribeEmail'),
      button: t('subscribeButton'),
      done: input.subscribed ? t('subscribeDone') : '',
    },
  };
}

function cardView(feed: Feed, tool: Tool, index: number, tallies: Tallies | undefined, input: Context): CardView {
  const { t, locale, votes } = input;
  const panel = panelShipScore(feed, tool.id);
  const community = tallies ? communityScore(tallies, feed.tools, tool.id) : undefined;
  let communityDetail: string;
  if (community?.total) {
    communityDetail = t('communityDetail', { votes: community.votes, count: community.total });
  } else if (community) communityDetail = t('noVotes');
  else communityDetail = t(votes.unavailable ? 'votesUnavailable' : 'votesLoading');
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
      label: t('panelShip'),
      value: percentText(t, locale, panel.percent),
      detail: panel.reviewed
        ? t('panelShipDetail', { ship: panel.ship, count: panel.reviewed })
        : t('noVerdicts'),
      share: panel.percent ?? 0,
    },
    community: {
      label: t('community'),
      value: percentText(t, locale, community?.percent),
      detail: communityDetail,
      share: community?.percent ?? 0,
    },
    price: pricing
      ? { label: t('entryPrice'), value: pricing.entry, details: pricing.details, url: pricing.url, linkText: t('pricingDetails') }
      : undefined,
  };
}

function resultsView(feed: Feed, tallies: Tallies | undefined, input: Context): ResultsView | undefined {
  const { votes, t, locale } = input;
  if (!votes.enabled && !feed.community) return undefined;
  const summary = votes.summary;
  const scores = feed.tools.map((tool) => (tallies ? communityScore(tallies, feed.tools, tool.id) : undefined));
  const total = scores[0]?.total ?? 0;
  const totalCount = t('totalVotes', { count: total });
  const segments = feed.tools.map((tool, index) => ({
    share: scores[index]?.percent ?? 0,
    text: t('toolPercent', { name: tool.name, percent: percentText(t, locale, scores[index]?.percent) }),
  }));
  const resultText = t('resultsSummary', { first: segments[0].text, second: segments[1].text, total: totalCount });
  const outcome = votes.outcome;
  let announcement = '';
  if (outcome?.kind === 'saved') announcement = t('voteSaved', { summary: resultText });
  else if (outcome?.kind === 'withdrawn') announcement = t('voteWithdrawn', { summary: resultText });
  const failure = outcome?.kind === 'failed' ? t(outcome.words) : '';
  const voted = summary?.yourVote ? feed.tools.find((tool) => tool.id === summary.yourVote) : undefined;
  return {
    title: t('communityVote'),
    voting: votes.enabled
      ? {
          prompt: t('votePrompt'),
          busy: !!votes.pending,
          buttons: feed.tools.map((tool, index) => ({
            toolId: tool.id,
            index,
            label: t('voteFor', { name: tool.name }),
            pressed: summary?.yourVote === tool.id,
          })),
        }
      : undefined,
    busy: votes.enabled && !summary && !votes.unavailable,
    segments,
    totalText: tallies ? totalCount : t(votes.unavailable ? 'votesUnavailable' : 'votesLoading'),
    yourVote: summary?.yourVote && !votes.pending ? t('yourVote', { name: voted?.name ?? summary.yourVote }) : undefined,
    failure,
    announcement,
  };
}

function scorecardView(feed: Feed, input: Context): ScorecardView | undefined {
  const reviewers = feed.reviewers ?? [];
  if (!reviewers.length) return undefined;
  const t = input.t;
  const [a, b] = feed.tools;
  return {
    title: t('scorecard'),
    caption: t('scorecardCaption', { tools: t('versus', { first: a.name, second: b.name }) }),
    reviewerHeader: t('reviewer'),
    toolHeaders: feed.tools.map((tool) => tool.name),
    rows: reviewers.map((reviewer, row) => reviewerRow(reviewer, row, feed.tools, input)),
  };
}

function reviewerRow(reviewer: Reviewer, row: number, tools: readonly Tool[], input: Context): ReviewerRowView {
  const t = input.t;
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
        verdictText: verdict ? t(verdict.verdict === 'ship' ? 'ship' : 'skip') : t('noVerdict'),
        pick: reviewer.pick === tool.id ? t('picks') : undefined,
        quote: quote
          ? {
              id: `quote-${row}-${column}`,
              key,
              text: quote,
              long,
              expanded,
              toggleText: t(expanded ? 'less' : 'more'),
              toggleLabel: t('quoteBy', { reviewer: reviewer.name, tool: tool.name }),
            }
          : undefined,
      };
    }),
  };
}
