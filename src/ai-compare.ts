// The bundle holds the modules in import order (each after its own imports); this order compresses best.
import { resolveLink } from '../contract/feed-check.js';
import { noChange, type TemplateResult } from 'lit/html.js';
import { Votes } from './votes/votes.js';
import { WidgetElement, type PropertyOptions, type PropertyValues } from './widget-element.js';
import { FeedController } from './feed/feed-controller.js';
import { renderView, type ViewActions } from './view/templates.js';
import { buildView, type ComparisonView } from './view/build-view.js';
import type { Explained } from './feed/explain-feed.js';
import { AiCompareErrorEvent, AiCompareLoadEvent } from './events.js';
import type { Feed, FeedInput } from '../contract/feed-schema.js';
import type { UiStrings } from './i18n/en.js';
import { PageContextController } from './page-context.js';
// Last, so the sheet sits beside the templates in the bundle: its class names compress against theirs.
import { styles } from './ai-compare.styles.js';

/** Resolves once the browser has painted a frame (or soon, in a tab that does not paint). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 200);
    requestAnimationFrame(() => setTimeout(resolve));
  });
}

/**
 * A head-to-head comparison of two AI tools: tool cards, the reviewer panel's ship percentages,
 * the reviewer scorecard and inline community voting, rendered from a JSON feed.
 *
 * @summary Embeddable comparison of two AI tools with reviewer verdicts and live community votes.
 * @tagname ai-compare
 *
 * @attr {string} lang - UI language (BCP 47). Defaults to the nearest ancestor's `lang`, then the document's.
 * @attr {'ltr' | 'rtl'} dir - Writing direction, `ltr` or `rtl`. Defaults to the nearest ancestor's `dir` within the
 *   element's language, then the language's own.
 * @attr {'loading' | 'ready' | 'error'} state - Reflected from the read-only `state` property, for styling the host:
 *   `loading`, `ready` or `error`.
 *
 * @slot - Fallback content (for example a link to the article) shown while loading and on error,
 *   and to readers and crawlers without JavaScript. Hidden once the comparison renders.
 *
 * @fires {AiCompareLoadEvent} ai-compare-load - A valid feed was rendered. `detail: {feed}`.
 * @fires {AiCompareErrorEvent} ai-compare-error - The feed could not be shown. `detail: {code, message, path?, problems?}`
 *   with `code` one of `network`, `http`, `timeout`, `parse`, `invalid`, `too-large`; for `invalid`,
 *   `problems` lists every `{path, message}` and `path` is the first one's. Readers see a short
 *   localized sentence; the same details are logged once to the console for the publisher.
 * @fires {AiCompareVoteEvent} ai-compare-vote - Cancelable; a reader is about to vote.
 *   `detail: {comparisonId, toolId}`. When canceled, nothing is sent.
 * @fires {AiCompareWithdrawEvent} ai-compare-withdraw - Cancelable; a reader is about to withdraw
 *   their vote. `detail: {comparisonId, toolId}`.
 * @fires {AiCompareVotedEvent} ai-compare-voted - The server stored the vote.
 *   `detail: {comparisonId, toolId, tallies, total}`.
 * @fires {AiCompareWithdrawnEvent} ai-compare-withdrawn - The server withdrew the vote.
 *   `detail: {comparisonId, toolId, tallies, total}`.
 * @fires {AiCompareVoteErrorEvent} ai-compare-vote-error - A vote failed and the results were
 *   rolled back. `detail: {comparisonId, toolId, code, message}`.
 *
 * @csspart base - The outer frame of the rendered comparison.
 * @csspart header - Kicker, title, summary, date and source.
 * @csspart title - The comparison title.
 * @csspart card - Each tool card.
 * @csspart tool-name - The tool name in a card.
 * @csspart panel-score - The reviewer panel's ship percentage in a card.
 * @csspart community-score - The community vote percentage in a card.
 * @csspart price - The entry price in a card.
 * @csspart scorecard - The reviewer scorecard section.
 * @csspart verdict - A ship/skip verdict chip.
 * @csspart quote - A reviewer quote.
 * @csspart results - The community vote section (buttons and results).
 * @csspart vote-button - Each vote button.
 * @csspart cta - The call to action: a link, or a panel with an e-mail sign-up form when the feed has `cta.subscribe`.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error panel.
 *
 * @cssprop --ai-compare-font-family - Font of the widget (default: inherited from the page).
 * @cssprop --ai-compare-heading-font-family - Font of the title and headings (default: the widget's font).
 * @cssprop --ai-compare-accent - Brand color: links, vote buttons, the first tool's bars, the call to action.
 * @cssprop --ai-compare-on-accent - Text on accent-colored buttons and the call to action.
 * @cssprop --ai-compare-second - Color of the second tool in the vote split and its legend.
 * @cssprop --ai-compare-background - Background of the widget.
 * @cssprop --ai-compare-surface - Background of cards and panels, loading placeholders.
 * @cssprop --ai-compare-text - Main text color.
 * @cssprop --ai-compare-muted - Secondary text color.
 * @cssprop --ai-compare-border - Border color, and the track of the bars.
 * @cssprop --ai-compare-ship - Color of "ship" verdicts and the panel bars.
 * @cssprop --ai-compare-skip - Color of "skip" verdicts and of errors.
 * @cssprop --ai-compare-focus-ring - Color of the keyboard focus ring (default: the accent).
 * @cssprop --ai-compare-radius - Corner radius of the frame and cards; smaller corners follow it.
 * @cssprop --ai-compare-space - Spacing unit: paddings and gaps are multiples of it (default: 1rem).
 */
export class AiCompare extends WidgetElement {
  static override styles = styles;

  static override properties: Record<string, PropertyOptions> = {
    feed: { attribute: false },
    src: {},
    theme: { reflect: true },
    loading: {},
    voteEndpoint: { attribute: 'vote-endpoint' },
    noVotes: { type: Boolean, attribute: 'no-votes' },
    live: { type: Boolean },
    timeout: { type: Number },
    density: { reflect: true },
    strings: { attribute: false },
    expandedQuotes: { attribute: false },
    subscribed: { attribute: false },
  };

  static override get observedAttributes(): string[] {
    // Language and direction follow the host's own `lang` and `dir`, native attributes that are
    // no properties: a change asks for an update (ancestors' are watched by the page context).
    return [...super.observedAttributes, 'lang', 'dir'];
  }

  readonly #feeds = new FeedController(this);
  readonly #votes = new Votes(this);
  readonly #page = new PageContextController(this);

  /** Quotes the reader expanded, keyed `reviewerId/toolId`. */
  declare private expandedQuotes: ReadonlySet<string>;

  /** The reader sent the call to action's sign-up form. */
  declare private subscribed: boolean;

  /** The comparison as an object; wins over an inline JSON script child and `src`. */
  declare feed?: FeedInput;

  /** URL of the comparison feed (fetched with CORS, without credentials). */
  declare src?: string;

  /** Color scheme: `auto` follows the host page's declared scheme, else the reader's system setting. */
  declare theme: 'auto' | 'light' | 'dark';

  /** `lazy` fetches `src` when the widget nears the viewport; `eager` fetches at once. */
  declare loading: 'lazy' | 'eager';

  /** Vote API endpoint; overrides the feed's `votes.endpoint`. */
  declare voteEndpoint?: string;

  /** Hides voting even when the feed or the page names an endpoint. */
  declare noVotes: boolean;

  /** Follows other readers' votes while the widget's tab is visible (Server-Sent Events). */
  declare live: boolean;

  /** How long to wait for `src`, in milliseconds, before showing a timeout error. */
  declare timeout: number;

  /** `comfortable`, or `compact` for sidebars and columns under 360 px. */
  declare density: 'comfortable' | 'compact';

  /**
   * Your own words: a partial set of UI strings merged over the built-in language, to rename any
   * label, or a complete set to add a language (see the `UiStrings` type).
   */
  declare strings?: Partial<UiStrings>;

  /** Prerendered nodes still on screen, until the first render takes over. */
  #prerendered: ChildNode[] = [];

  #announcedFeed?: Feed;
  #announcedFailure?: Explained;

  constructor() {
    super();
    this.theme = 'auto';
    this.loading = 'lazy';
    this.noVotes = false;
    this.live = false;
    this.timeout = 10_000;
    this.density = 'comfortable';
    this.expandedQuotes = new Set();
    this.subscribed = false;
  }

  protected override createRenderRoot(): ShadowRoot {
    // Prerendered markup brings a declarative shadow root; the first render replaces what it holds.
    const root = super.createRenderRoot();
    this.#prerendered = [...root.childNodes];
    return root;
  }

  protected override async scheduleUpdate(): Promise<unknown> {
    if (this.#prerendered.length) {
      // The prerendered comparison is on screen: let the browser paint it before the script's
      // first render, and have the UI language's words ready, so that render draws the same
      // thing again (from the same inline feed) and nothing flashes or moves.
      this.#page.resolve();
      await afterNextPaint();
      while (this.#page.pending) await this.#page.pending;
    }
    return super.scheduleUpdate();
  }

  protected override update(changed: PropertyValues<this>): void {
    // A reader who tabbed into the prerendered comparison before the script came keeps focus on
    // the same control of the comparison drawn in its place (the same markup, in the same order).
    const root = this.renderRoot;
    const controls = () => root.querySelectorAll<HTMLElement>('a,button,input');
    const focused = this.#prerendered.length ? [...controls()].indexOf(root.activeElement as HTMLElement) : -1;
    for (const node of this.#prerendered.splice(0)) node.remove();
    super.update(changed);
    // Bar lengths go through the CSSOM, which strict CSP allows (unlike style attributes); before
    // anything makes the browser compute styles, so a bar starts at its length, not at 0.
    for (const bar of root.querySelectorAll<HTMLElement>('[data-share]')) bar.style.setProperty('--_share', bar.dataset.share as string);
    // Where the prerendered control was: nothing to scroll to.
    if (focused >= 0) controls()[focused]?.focus({ preventScroll: true });
  }

  /** `loading`, `ready` or `error`; also reflected as the `state` attribute. */
  get state(): 'loading' | 'ready' | 'error' {
    // Nothing is drawn until the language's words are here (`render`): until then it is loading.
    // (A comparison already drawn stays on screen while another language's words come.)
    return this.#page.pending && !this.renderRoot.firstElementChild ? 'loading' : this.#feeds.status;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#page.resolve();
    const newFeed = changed.has('feed') || changed.has('src');
    // The first update syncs too: the constructor's default for `loading` is among its changes.
    if (newFeed || changed.has('loading')) {
      this.#feeds.sync(changed.has('loading'));
    }
    const feed = this.#feeds.feed;
    // The element's endpoint wins over the feed's; an unusable one means no voting rather than a
    // broken widget.
    this.#votes.track(
      feed && !this.noVotes ? (this.voteEndpoint ? resolveLink(this.voteEndpoint, document.baseURI) : feed.votes?.endpoint) : undefined,
      feed?.id ?? '',
      this.live,
    );
    if (newFeed) {
      this.expandedQuotes = new Set();
      this.subscribed = false;
    }
    if (this.getAttribute('state') !== this.state) this.setAttribute('state', this.state);
  }

  protected override updated(): void {
    // Nothing was drawn (the language's words are on their way): nothing to announce yet.
    if (this.#page.pending) return;
    const { feed, explained } = this.#feeds;
    if (feed && feed !== this.#announcedFeed) {
      this.#announcedFeed = feed;
      this.dispatchEvent(new AiCompareLoadEvent(feed));
    }
    if (explained && explained !== this.#announcedFailure) {
      this.#announcedFailure = explained;
      this.dispatchEvent(new AiCompareErrorEvent(explained.detail));
      // Once per failure, for the publisher; readers only ever see the localized sentence.
      console.error(explained.log);
    }
  }

  /** Everything the next render shows, computed once from the controllers' state. */
  get #view(): ComparisonView {
    // The page context brings the language, direction, scheme and words; the feed its status.
    const votes = this.#votes.state;
    return buildView({
      ...this.#page,
      ...this.#feeds,
      votes,
      // The English words chunks bring, under the language's own: each set is complete by the
      // time anything shows one of its words.
      strings: { ...this.#feeds.explained?.words, ...votes.words, ...this.#page.strings } as UiStrings,
      reason: this.#feeds.explained?.reason,
      expandedQuotes: this.expandedQuotes,
      subscribed: this.subscribed,
    });
  }

  readonly #actions: ViewActions = {
    vote: (toolId) => void this.#votes.choose(toolId),
    toggleQuote: (key) => {
      const next = new Set(this.expandedQuotes);
      if (!next.delete(key)) next.add(key);
      this.expandedQuotes = next;
    },
    subscribed: () => {
      this.subscribed = true;
      // The form goes: the reader's focus moves to the words that take its place.
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.subscribe-done')?.focus());
    },
  };

  protected override async getUpdateComplete(): Promise<boolean> {
    // A language loading on demand is part of the update: wait for its words to be on screen.
    // So is a bad feed's explanation, also loaded on demand.
    let complete = await super.getUpdateComplete();
    for (let pending; (pending = this.#page.pending ?? this.#feeds.pending); ) {
      await pending;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  protected override render(): TemplateResult | typeof noChange {
    // Until a language's words arrive, keep what is on screen rather than flash English.
    if (this.#page.pending) return noChange;
    return renderView(this.#view, this.#actions);
  }
}
