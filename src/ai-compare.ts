import { html, LitElement, noChange, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styles } from './ai-compare.styles.js';
import { AiCompareErrorEvent, AiCompareLoadEvent } from './events.js';
import { FeedController } from './feed/feed-controller.js';
import { communityScore, own, panelShipScore, type Tallies } from './feed/figures.js';
import type { FeedError } from './feed/load-feed.js';
import { MAX_FEED_BYTES, type Feed, type FeedInput, type Reviewer, type Tool } from '../contract/feed-schema.js';
import { formatDay, formatPercent } from './i18n/format.js';
import type { Translate } from './i18n/translate.js';
import { VoteController } from './votes/vote-controller.js';
import { PageContextController } from './page-context.js';
import type { UiStrings } from './i18n/en.js';

/** The words that say why a feed could not be shown. */
const ERROR_KEYS = {
  network: 'errorNetwork',
  http: 'errorHttp',
  timeout: 'errorTimeout',
  parse: 'errorParse',
  invalid: 'errorInvalid',
  'too-large': 'errorTooLarge',
} as const satisfies Record<FeedError['code'], keyof UiStrings>;

/** Quotes longer than this start collapsed behind a "Read more" toggle. */
const LONG_QUOTE = 280;


/**
 * A head-to-head comparison of two AI tools: tool cards, the reviewer panel's ship percentages,
 * the reviewer scorecard and inline community voting, rendered from a JSON feed.
 *
 * @summary Embeddable comparison of two AI tools with reviewer verdicts and live community votes.
 * @tagname ai-compare
 *
 * @slot - Fallback content (for example a link to the article) shown while loading and on error,
 *   and to readers and crawlers without JavaScript. Hidden once the comparison renders.
 *
 * @fires {AiCompareLoadEvent} ai-compare-load - A valid feed was rendered. `detail: {feed}`.
 * @fires {AiCompareErrorEvent} ai-compare-error - The feed could not be shown. `detail: {code, message, path?}`
 *   with `code` one of `network`, `http`, `timeout`, `parse`, `invalid`, `too-large`.
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
 * @csspart cta - The call to action link.
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
export class AiCompare extends LitElement {
  static override styles = styles;

  static override properties = {
    feed: { attribute: false },
    src: {},
    theme: { reflect: true },
    loading: {},
    voteEndpoint: { attribute: 'vote-endpoint' },
    noVotes: { type: Boolean, attribute: 'no-votes' },
    timeout: { type: Number },
    density: { reflect: true },
    strings: { attribute: false },
    expandedQuotes: { state: true, attribute: false },
  };

  static override get observedAttributes(): string[] {
    // The UI language follows the host's own `lang`, a native attribute Lit does not observe.
    return [...super.observedAttributes, 'lang'];
  }

  private readonly feeds = new FeedController(this);
  private readonly votes = new VoteController(this);
  private readonly page = new PageContextController(this);

  /** Quotes the reader expanded, keyed `reviewerId/toolId`. */
  declare private expandedQuotes: ReadonlySet<string>;

  /** The comparison as an object; wins over an inline JSON script child and `src`. */
  declare feed?: FeedInput;

  /** URL of the comparison feed (fetched with CORS, without credentials). */
  declare src?: string;

  /** Color scheme: `auto` follows the reader's system setting. */
  declare theme: 'auto' | 'light' | 'dark';

  /** `lazy` fetches `src` when the widget nears the viewport; `eager` fetches at once. */
  declare loading: 'lazy' | 'eager';

  /** Vote API endpoint; overrides the feed's `votes.endpoint`. */
  declare voteEndpoint?: string;

  /** Hides voting even when the feed or the page names an endpoint. */
  declare noVotes: boolean;

  /** How long to wait for `src`, in milliseconds, before showing a timeout error. */
  declare timeout: number;

  /** `comfortable`, or `compact` for sidebars and columns under 360 px. */
  declare density: 'comfortable' | 'compact';

  /**
   * Your own words: a partial set of UI strings merged over the built-in language, to rename any
   * label, or a complete set to add a language (see the `UiStrings` type).
   */
  declare strings?: Partial<UiStrings>;

  private announcedFeed?: Feed;
  private announcedError?: FeedError;

  constructor() {
    super();
    this.theme = 'auto';
    this.loading = 'lazy';
    this.noVotes = false;
    this.timeout = 10_000;
    this.density = 'comfortable';
    this.expandedQuotes = new Set();
  }

  /** `loading`, `ready` or `error`; also reflected as the `state` attribute. */
  get state(): 'loading' | 'ready' | 'error' {
    return this.feeds.status;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.page.resolve();
    if (!this.hasUpdated || changed.has('feed') || changed.has('src') || changed.has('loading')) {
      this.feeds.sync();
    }
    const feed = this.feeds.feed;
    this.votes.track(this.voteEndpointFor(feed), feed?.id ?? '');
    if (changed.has('feed') || changed.has('src')) this.expandedQuotes = new Set();
    if (this.getAttribute('state') !== this.state) this.setAttribute('state', this.state);
  }

  protected override updated(): void {
    // Bar lengths go through the CSSOM, which strict CSP allows (unlike style attributes).
    for (const bar of this.renderRoot.querySelectorAll<HTMLElement>('[data-share]')) {
      bar.style.setProperty('--_share', bar.dataset.share ?? '0');
    }
    const { feed, error } = this.feeds;
    if (feed && feed !== this.announcedFeed) {
      this.announcedFeed = feed;
      this.dispatchEvent(new AiCompareLoadEvent(feed));
    }
    if (error && error !== this.announcedError) {
      this.announcedError = error;
      const { code, message, path } = error;
      this.dispatchEvent(new AiCompareErrorEvent(path ? { code, message, path } : { code, message }));
    }
  }

  private voteEndpointFor(feed: Feed | undefined): string | undefined {
    if (!feed || this.noVotes) return undefined;
    if (this.voteEndpoint) {
      try {
        const url = new URL(this.voteEndpoint, document.baseURI);
        if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
      } catch {
        // An unusable endpoint means no voting rather than a broken widget.
      }
      return undefined;
    }
    return feed.votes?.endpoint;
  }

  private toggleQuote(key: string): void {
    const next = new Set(this.expandedQuotes);
    if (!next.delete(key)) next.add(key);
    this.expandedQuotes = next;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    // A language loading on demand is part of the update: wait for its words to be on screen.
    let complete = await super.getUpdateComplete();
    while (this.page.pending) {
      await this.page.pending;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  protected override render(): TemplateResult | typeof noChange {
    // Until a language's words arrive, keep what is on screen rather than flash English.
    if (this.page.pending) return noChange;
    const { dir, scheme } = this.page;
    return html`<div class="frame" dir=${dir} data-scheme=${scheme ?? 'auto'}>${this.renderContent()}</div>`;
  }

  private renderContent(): TemplateResult {
    const { locale, t } = this.page;
    const { status, feed, error } = this.feeds;
    if (status === 'ready' && feed) return this.renderComparison(feed, t, locale);
    if (status === 'error' && error) return this.renderError(error, t);
    return this.renderSkeleton(t);
  }

  private renderSkeleton(t: Translate): TemplateResult {
    return html`
      <div class="widget skeleton" part="skeleton" aria-busy="true">
        <p class="visually-hidden" role="status">${t('loading')}</p>
        <div class="fallback"><slot></slot></div>
        <div class="bone bone-title" aria-hidden="true"></div>
        <div class="bone bone-line" aria-hidden="true"></div>
        <div class="cards" aria-hidden="true">
          <div class="card bone-card"></div>
          <div class="card bone-card"></div>
        </div>
      </div>
    `;
  }

  private renderError(error: FeedError, t: Translate): TemplateResult {
    const reason =
      error.code === 'http' && error.status
        ? t('errorStatus', { status: String(error.status) })
        : t(ERROR_KEYS[error.code], { size: MAX_FEED_BYTES / 1024 });
    return html`
      <div class="widget error" part="error" role="alert">
        <p class="error-title">${t('errorTitle')}</p>
        <p>${reason}</p>
        ${error.code === 'invalid' ? html`<p class="error-detail"><code>${error.message}</code></p>` : nothing}
        <div class="fallback"><slot></slot></div>
      </div>
    `;
  }

  private renderComparison(feed: Feed, t: Translate, locale: string): TemplateResult {
    const tallies = this.votes.enabled ? this.votes.summary?.tallies : feed.community;
    return html`
      <article class="widget" part="base" aria-labelledby="title">
        ${this.renderHeader(feed, t, locale)}
        <div class="cards">
          ${feed.tools.map((tool, index) => this.renderCard(feed, tool, index, tallies, t, locale))}
        </div>
        ${this.renderResults(feed, tallies, t, locale)} ${this.renderScorecard(feed, t)}
        ${feed.cta
          ? html`<a class="cta" part="cta" href=${feed.cta.url}>
              <strong>${feed.cta.title}</strong>
              ${feed.cta.text ? html`<span>${feed.cta.text}</span>` : nothing}
              <span class="arrow" aria-hidden="true">→</span>
            </a>`
          : nothing}
      </article>
    `;
  }

  private renderHeader(feed: Feed, t: Translate, locale: string): TemplateResult {
    const source = feed.source;
    return html`
      <header part="header">
        ${feed.kicker ? html`<p class="kicker">${feed.kicker}</p>` : nothing}
        <h2 id="title" part="title">${feed.title}</h2>
        ${feed.summary ? html`<p class="summary">${feed.summary}</p>` : nothing}
        ${feed.updated || source
          ? html`<p class="meta">
              ${feed.updated
                ? html`<span><time datetime=${feed.updated}>${t('updated', { date: formatDay(locale, feed.updated) })}</time></span>`
                : nothing}
              ${source
                ? html`<span
                    >${t('source')} ${source.url ? html`<a href=${source.url}>${source.name}</a>` : source.name}</span
                  >`
                : nothing}
            </p>`
          : nothing}
      </header>
    `;
  }

  private renderCard(
    feed: Feed,
    tool: Tool,
    index: number,
    tallies: Tallies | undefined,
    t: Translate,
    locale: string,
  ): TemplateResult {
    const panel = panelShipScore(feed, tool.id);
    const community = tallies ? communityScore(tallies, feed.tools, tool.id) : undefined;
    const percent = (value: number | null | undefined) =>
      value == null ? t('dash') : formatPercent(locale, value);
    return html`
      <section class="card tool-${index}" part="card" aria-labelledby="tool-${index}">
        ${tool.category ? html`<p class="category">${tool.category}</p>` : nothing}
        <h3 id="tool-${index}" class="tool-name" part="tool-name">
          ${tool.logo ? html`<img class="logo" src=${tool.logo} alt="" width="32" height="32" loading="lazy" />` : nothing}
          ${tool.url ? html`<a href=${tool.url}>${tool.name}</a>` : tool.name}
        </h3>
        ${tool.tagline ? html`<p class="tagline">${tool.tagline}</p>` : nothing}
        ${tool.description ? html`<p class="description">${tool.description}</p>` : nothing}
        <dl class="figures">
          <div class="figure" part="panel-score">
            <dt>${t('panelShip')}</dt>
            <dd>
              <span class="figure-value">${percent(panel.percent)}</span>
              <span class="figure-detail"
                >${panel.reviewed
                  ? t('panelShipDetail', { ship: panel.ship, count: panel.reviewed })
                  : t('noVerdicts')}</span
              >
              <span class="bar ship" aria-hidden="true"><span data-share=${panel.percent ?? 0}></span></span>
            </dd>
          </div>
          <div class="figure" part="community-score">
            <dt>${t('community')}</dt>
            <dd>
              <span class="figure-value">${percent(community?.percent)}</span>
              <span class="figure-detail"
                >${community?.total
                  ? t('communityDetail', { votes: community.votes, count: community.total })
                  : community
                    ? t('noVotes')
                    : this.votes.unavailable
                      ? t('votesUnavailable')
                      : t('votesLoading')}</span
              >
              <span class="bar" aria-hidden="true"><span data-share=${community?.percent ?? 0}></span></span>
            </dd>
          </div>
          ${tool.pricing
            ? html`<div class="figure" part="price">
                <dt>${t('entryPrice')}</dt>
                <dd>
                  <span class="figure-value">${tool.pricing.entry}</span>
                  ${tool.pricing.details ? html`<span class="figure-detail">${tool.pricing.details}</span>` : nothing}
                  ${tool.pricing.url
                    ? html`<a class="figure-detail" href=${tool.pricing.url}>${t('pricingDetails')}</a>`
                    : nothing}
                </dd>
              </div>`
            : nothing}
        </dl>
      </section>
    `;
  }

  private renderResults(feed: Feed, tallies: Tallies | undefined, t: Translate, locale: string) {
    const votes = this.votes;
    if (!votes.enabled && !feed.community) return nothing;
    const summary = votes.summary;
    const [first, second] = feed.tools.map((tool) => ({
      tool,
      score: tallies ? communityScore(tallies, feed.tools, tool.id) : undefined,
    }));
    const total = first.score?.total ?? 0;
    const totalText = t('totalVotes', { count: total });
    const percentText = (p: number | null | undefined) => (p == null ? t('dash') : formatPercent(locale, p));
    const [firstText, secondText] = [first, second].map(({ tool, score }) =>
      t('toolPercent', { name: tool.name, percent: percentText(score?.percent) }),
    );
    const resultText = t('resultsSummary', { first: firstText, second: secondText, total: totalText });
    const outcome = votes.outcome;
    const nameOf = (toolId: string) => feed.tools.find((tool) => tool.id === toolId)?.name ?? toolId;
    let announcement = '';
    if (outcome?.kind === 'saved') announcement = t('voteSaved', { summary: resultText });
    else if (outcome?.kind === 'withdrawn') announcement = t('voteWithdrawn', { summary: resultText });
    const failure = outcome?.kind === 'failed' ? (outcome.code === 'rate-limited' ? t('voteBusy') : t('voteFailed')) : '';

    return html`
      <section
        class="results"
        part="results"
        aria-labelledby="results-title"
        aria-busy=${votes.enabled && !summary && !votes.unavailable ? 'true' : 'false'}
      >
        <h3 id="results-title">${t('communityVote')}</h3>
        ${votes.enabled
          ? html`<p class="prompt">${t('votePrompt')}</p>
              <div class="vote-buttons">
                ${feed.tools.map(
                  (tool, index) => html`<button
                    type="button"
                    class="vote tool-${index}"
                    part="vote-button"
                    aria-pressed=${summary?.yourVote === tool.id ? 'true' : 'false'}
                    aria-disabled=${votes.pending ? 'true' : 'false'}
                    @click=${() => void votes.choose(tool.id)}
                  >
                    ${t('voteFor', { name: tool.name })}
                  </button>`,
                )}
              </div>`
          : nothing}
        <div class="split" aria-hidden="true">
          <span class="split-bar tool-0" data-share=${first.score?.percent ?? 0}></span>
          <span class="split-bar tool-1" data-share=${second.score?.percent ?? 0}></span>
        </div>
        <p class="split-legend">
          <span class="tool-0">${firstText}</span>
          <span class="total">${tallies ? totalText : votes.unavailable ? t('votesUnavailable') : t('votesLoading')}</span>
          <span class="tool-1">${secondText}</span>
        </p>
        ${summary?.yourVote && !votes.pending
          ? html`<p class="your-vote">${t('yourVote', { name: nameOf(summary.yourVote) })}</p>`
          : nothing}
        <p class="vote-error" role="status">${failure}</p>
        <p class="visually-hidden" aria-live="polite">${announcement}</p>
      </section>
    `;
  }

  private renderScorecard(feed: Feed, t: Translate) {
    const reviewers = feed.reviewers ?? [];
    if (!reviewers.length) return nothing;
    const [a, b] = feed.tools;
    return html`
      <section class="scorecard" part="scorecard" aria-labelledby="scorecard-title">
        <h3 id="scorecard-title">${t('scorecard')}</h3>
        <table role="table">
          <caption class="visually-hidden">
            ${t('scorecardCaption', { tools: t('versus', { first: a.name, second: b.name }) })}
          </caption>
          <thead role="rowgroup">
            <tr role="row">
              <th role="columnheader" scope="col">${t('reviewer')}</th>
              <th role="columnheader" scope="col">${a.name}</th>
              <th role="columnheader" scope="col">${b.name}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            ${reviewers.map((reviewer, row) => this.renderReviewerRow(reviewer, row, feed.tools, t))}
          </tbody>
        </table>
      </section>
    `;
  }

  private renderReviewerRow(reviewer: Reviewer, row: number, tools: readonly Tool[], t: Translate): TemplateResult {
    return html`
      <tr role="row">
        <th role="rowheader" scope="row" class="reviewer">
          ${reviewer.avatar
            ? html`<img class="avatar" src=${reviewer.avatar} alt="" width="32" height="32" loading="lazy" />`
            : nothing}
          <span class="reviewer-name">${reviewer.name}</span>
          ${reviewer.focus ? html`<span class="reviewer-focus">${reviewer.focus}</span>` : nothing}
        </th>
        ${tools.map((tool, column) => this.renderVerdictCell(reviewer, tool, `quote-${row}-${column}`, t))}
      </tr>
    `;
  }

  private renderVerdictCell(reviewer: Reviewer, tool: Tool, quoteId: string, t: Translate): TemplateResult {
    const verdict = own(reviewer.verdicts, tool.id);
    const key = `${reviewer.id}/${tool.id}`;
    const quote = verdict?.quote;
    const long = !!quote && quote.length > LONG_QUOTE;
    const expanded = this.expandedQuotes.has(key);
    return html`
      <td role="cell">
        <span class="cell-tool">${tool.name}</span>
        ${verdict
          ? html`<span class="verdict ${verdict.verdict}" part="verdict"
              >${verdict.verdict === 'ship' ? t('ship') : t('skip')}</span
            >`
          : html`<span class="verdict none" part="verdict">${t('noVerdict')}</span>`}
        ${reviewer.pick === tool.id ? html`<span class="pick">${t('picks')}</span>` : nothing}
        ${quote
          ? html`<blockquote id=${quoteId} class="quote ${long && !expanded ? 'collapsed' : ''}" part="quote">
                <p>${quote}</p>
              </blockquote>
              ${long
                ? html`<button
                    type="button"
                    class="more"
                    aria-expanded=${expanded ? 'true' : 'false'}
                    aria-controls=${quoteId}
                    @click=${() => this.toggleQuote(key)}
                  >
                    ${expanded ? t('less') : t('more')}
                    <span class="visually-hidden">${t('quoteBy', { reviewer: reviewer.name, tool: tool.name })}</span>
                  </button>`
                : nothing}`
          : nothing}
      </td>
    `;
  }
}
