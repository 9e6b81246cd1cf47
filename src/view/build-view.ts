/**
 * Everything the widget shows, computed once per update from plain inputs: the feed, the vote
 * state, the UI strings and the locale. No DOM, no `navigator`, no I/O, so the same view renders
 * in the browser and on the server, and the templates only read it.
 */
import type { Feed, Tool } from '../../contract/feed-schema.js';
import type { VoteSummary } from '../../contract/vote-api.js';
import { communityScore, own, panelShipScore } from '../feed/figures.js';
import { formatDay, formatPercent, textDirection } from '../i18n/format.js';
import type { UiStrings } from '../i18n/en.js';
import { translator, type Translate, type Values } from '../i18n/translate.js';
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
  /** The English words for what follows a vote, which come with the voting chunk. */
  words?: Partial<UiStrings>;
}

export interface ViewInput {
  status: 'loading' | 'ready' | 'error';
  /** There only when `status` is `ready`. */
  feed?: Feed;
  /** Why the feed could not be shown, as a message of the widget's words and its values. */
  reason?: [key: keyof UiStrings, values?: Values];
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
  /** The UI text's writing direction. */
  dir: 'ltr' | 'rtl';
  scheme?: 'light' | 'dark';
  strings: UiStrings;
}

export interface LoadingView extends ViewBase {
  kind: 'loading';
}

export interface ErrorView extends ViewBase {
  kind: 'error';
  /** A short sentence for readers; the problems themselves go to the publisher (event, console). */
  reason: string;
}

/** A figure as shown: the value, what it counts, and a bar length (0–100). */
export interface FigureView {
  value: string;
  detail: string;
  share: number;
}

/** A tool as the feed gives it, with its two figures. */
export interface CardView extends Tool {
  panel: FigureView;
  community: FigureView;
}

export interface VoteButtonView {
  toolId: string;
  label: string;
  pressed: boolean;
}

export interface ResultsView {
  /** Absent when voting is off (static tallies only). */
  voting?: { buttons: VoteButtonView[]; busy: boolean };
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
  /** Also picks the toggle's words ("Show less" or "Read more"). */
  expanded: boolean;
  toggleLabel: string;
}

export interface VerdictCellView {
  toolName: string;
  verdict: 'ship' | 'skip' | 'none';
  verdictText: string;
  /** The reviewer's pick of the two. */
  pick: boolean;
  quote?: QuoteView;
}

export interface ReviewerRowView {
  name: string;
  focus?: string;
  avatar?: string;
  cells: VerdictCellView[];
}

export interface ScorecardView {
  caption: string;
  /** At least one; the column headers are the first row's tool names. */
  rows: ReviewerRowView[];
}

/** Every message with no values to fill in, in the view's language. */
export type Words = Record<keyof UiStrings, string>;

export interface ReadyView extends ViewBase {
  kind: 'ready';
  /** Labels and headings, read by the templates as they are. */
  words: Words;
  /** The feed's heading fields (the feed itself, with its day as readers read it). */
  header: {
    kicker?: string;
    title: string;
    summary?: string;
    /** The feed's day, `YYYY-MM-DD`, and as readers read it. */
    updated?: string;
    updatedText?: string;
    source?: Feed['source'];
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
    /** The reader sent the form. */
    done?: boolean;
  };
}

export type ComparisonView = LoadingView | ErrorView | ReadyView;

export function buildView(input: ViewInput): ComparisonView {
  const { status, feed, strings, locale } = input;
  const dir = input.dir ?? textDirection(locale);
  const t = translator(strings, locale, dir === 'rtl');
  const base: ViewBase = { dir, scheme: input.scheme, strings };
  // A feed is there only once it is ready (the feed controller clears it for anything else), and
  // an error always comes with its details.
  if (feed) return readyView(feed, input, t, base);
  if (status === 'error') {
    // Readers get the reason in their language; the problems themselves go to the publisher
    // (the ai-compare-error event and the console), never onto the page.
    return { ...base, kind: 'error', reason: input.reason ? t(...input.reason) : '' };
  }
  return { ...base, kind: 'loading' };
}

function readyView(feed: Feed, input: ViewInput, t: Translate, base: ViewBase): ReadyView {
  const { votes, locale, expandedQuotes } = input;
  const { tools, updated, cta } = feed;
  // Labels and headings, each message that needs no values: through the translator, not read
  // raw, since a page's own words may give any message as plural forms.
  const words = {} as Words;
  for (const key in input.strings) words[key as keyof UiStrings] = t(key as keyof UiStrings);
  const summary = votes.summary;
  const yourVote = summary?.yourVote;
  // With voting on, the feed's static tallies (a prerendered page's current count) stand in until
  // the live results arrive, so taking over prerendered markup changes nothing on screen.
  const tallies = (votes.enabled && summary?.tallies) || feed.community;
  const percent = (value: number | null | undefined) => (value == null ? words.dash : formatPercent(locale, value));
  // Each tool's share of the votes, formatted once for its card and for the results.
  const scores = tools.map((tool) => tallies && communityScore(tallies, tools, tool.id));
  const percents = scores.map((score) => percent(score?.percent));
  const waiting = words[votes.unavailable ? 'votesUnavailable' : 'votesLoading'];
  return {
    ...base,
    kind: 'ready',
    words,
    header: { ...feed, updatedText: updated && t('updated', { date: formatDay(locale, updated) }) },
    cards: tools.map((tool, index) => {
      const panel = panelShipScore(feed, tool.id);
      const community = scores[index];
      return {
        ...tool,
        panel: {
          value: percent(panel.percent),
          detail: panel.reviewed ? t('panelShipDetail', { ship: panel.ship, count: panel.reviewed }) : words.noVerdicts,
          share: panel.percent ?? 0,
        },
        community: {
          value: percents[index],
          detail: community
            ? community.total
              ? t('communityDetail', { votes: community.votes, count: community.total })
              : words.noVotes
            : waiting,
          share: community?.percent ?? 0,
        },
      };
    }),
    // Shown with voting on, or with static tallies to show.
    results: votes.enabled || feed.community ? resultsView() : undefined,
    scorecard: feed.reviewers?.[0] && {
      caption: t('scorecardCaption', { tools: t('versus', { first: tools[0].name, second: tools[1].name }) }),
      rows: feed.reviewers.map((reviewer, row) => ({
        ...reviewer,
        cells: tools.map((tool, column): VerdictCellView => {
          const verdict = own(reviewer.verdicts, tool.id);
          const key = `${reviewer.id}/${tool.id}`;
          const quote = verdict?.quote;
          const expanded = !!expandedQuotes?.has(key);
          return {
            toolName: tool.name,
            verdict: verdict?.verdict || 'none',
            verdictText: words[verdict?.verdict || 'noVerdict'],
            pick: reviewer.pick === tool.id,
            quote: quote
              ? {
                  id: `quote-${row}-${column}`,
                  key,
                  text: quote,
                  long: quote.length > LONG_QUOTE,
                  expanded,
                  toggleLabel: t('quoteBy', { reviewer: reviewer.name, tool: tool.name }),
                }
              : undefined,
          };
        }),
      })),
    },
    cta: cta && {
      ...cta,
      subscribe: cta.subscribe && {
        ...cta.subscribe,
        method: cta.subscribe.method ?? 'post',
        field: cta.subscribe.emailField ?? 'email',
        done: input.subscribed,
      },
    },
  };

  function resultsView(): ResultsView {
    const totalCount = t('totalVotes', { count: scores[0]?.total ?? 0 });
    const segments = tools.map((tool, index) => ({
      share: scores[index]?.percent ?? 0,
      text: t('toolPercent', { name: tool.name, percent: percents[index] }),
    }));
    const outcome = votes.outcome;
    return {
      voting: votes.enabled
        ? {
            busy: !!votes.pending,
            buttons: tools.map((tool) => ({
              toolId: tool.id,
              label: t('voteFor', { name: tool.name }),
              pressed: yourVote === tool.id,
            })),
          }
        : undefined,
      busy: votes.enabled && !summary && !votes.unavailable,
      segments,
      totalText: tallies ? totalCount : waiting,
      yourVote:
        yourVote && !votes.pending
          ? t('yourVote', { name: tools.find((tool) => tool.id === yourVote)?.name ?? yourVote })
          : undefined,
      failure: outcome?.kind === 'failed' ? t(outcome.words) : '',
      // A saved or withdrawn vote is announced with the results it left.
      announcement:
        outcome && outcome.kind !== 'failed'
          ? t(outcome.kind === 'saved' ? 'voteSaved' : 'voteWithdrawn', {
              summary: t('resultsSummary', { first: segments[0].text, second: segments[1].text, total: totalCount }),
            })
          : '',
    };
  }
}
