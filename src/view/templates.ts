/**
 * The widget's markup. Each template only reads a view from `buildView`: no formatting, no
 * `document` or `navigator`, nothing computed twice. The same templates render on the server.
 */
import { html, nothing, type TemplateResult } from 'lit/html.js';
import type {
  CardView,
  ComparisonView,
  ReadyView,
  ResultsView,
  ReviewerRowView,
  VerdictCellView,
  Words,
} from './build-view.js';

/** What readers can do; the element supplies these, the server renders no-ops (never called). */
export interface ViewActions {
  vote(toolId: string): void;
  toggleQuote(key: string): void;
  /** The reader sent the sign-up form (it is on its way to the provider). */
  subscribed(): void;
}

export function renderView(view: ComparisonView, actions: ViewActions): TemplateResult {
  // The frame carries the writing direction and the colour scheme the tokens resolve against.
  // The error panel and the skeleton are written in place (as is the call to action below):
  // in functions of their own, they would cost the bundle more bytes.
  const content =
    view.kind === 'ready'
      ? renderReady(view, actions)
      : view.kind === 'error'
        ? html`
    <div class="widget error" part="error" role="alert">
      <p class="error-title">${view.strings.errorTitle}</p>
      <p>${view.reason}</p>
      <div class="fallback"><slot></slot></div>
    </div>
  `
        : // Shaped like a comparison (header, two cards, the vote, reviewer rows, the call to action),
          // so the page moves little when the real one replaces it.
          html`
    <div class="widget skeleton" part="skeleton" aria-busy="true">
      <p class="visually-hidden" role="status">${view.strings.loading}</p>
      <div class="fallback"><slot></slot></div>
      <div class="bone bone-title" aria-hidden="true"></div>
      <div class="bone bone-line" aria-hidden="true"></div>
      <div class="cards" aria-hidden="true">
        <div class="card bone-card"></div>
        <div class="card bone-card"></div>
      </div>
      <div class="bone bone-results" aria-hidden="true"></div>
      <div class="bone bone-rows" aria-hidden="true"></div>
      <div class="bone bone-cta" aria-hidden="true"></div>
    </div>
  `;
  return html`<div class="frame" dir=${view.dir} data-scheme=${view.scheme ?? 'auto'}>${content}</div>`;
}

function renderReady(view: ReadyView, actions: ViewActions): TemplateResult {
  const { header, cta, words } = view;
  const renderCard = (card: CardView, index: number): TemplateResult => html`
    <section class="card tool-${index}" part="card" aria-labelledby="tool-${index}">
      ${card.category ? html`<p class="category">${card.category}</p>` : nothing}
      <h3 id="tool-${index}" class="tool-name" part="tool-name">
        ${card.logo ? html`<img class="logo" src=${card.logo} alt="" width="32" height="32" loading="lazy" />` : nothing}
        ${card.url ? html`<a href=${card.url}>${card.name}</a>` : card.name}
      </h3>
      ${card.tagline ? html`<p class="tagline">${card.tagline}</p>` : nothing}
      ${card.description ? html`<p class="description">${card.description}</p>` : nothing}
      <dl class="figures">
        <div class="figure" part="panel-score">
          <dt>${words.panelShip}</dt>
          <dd>
            <span class="figure-value">${card.panel.value}</span>
            <span class="figure-detail">${card.panel.detail}</span>
            <span class="bar ship" aria-hidden="true"><span data-share=${card.panel.share}></span></span>
          </dd>
        </div>
        <div class="figure" part="community-score">
          <dt>${words.community}</dt>
          <dd>
            <span class="figure-value">${card.community.value}</span>
            <span class="figure-detail">${card.community.detail}</span>
            <span class="bar" aria-hidden="true"><span data-share=${card.community.share}></span></span>
          </dd>
        </div>
        ${card.pricing
          ? html`<div class="figure" part="price">
              <dt>${words.entryPrice}</dt>
              <dd>
                <span class="figure-value">${card.pricing.entry}</span>
                ${card.pricing.details ? html`<span class="figure-detail">${card.pricing.details}</span>` : nothing}
                ${card.pricing.url ? html`<a class="figure-detail" href=${card.pricing.url}>${words.pricingDetails}</a>` : nothing}
              </dd>
            </div>`
          : nothing}
      </dl>
    </section>
  `;

  const renderReviewerRow = (row: ReviewerRowView): TemplateResult => html`
    <tr role="row">
      <th role="rowheader" scope="row" class="reviewer">
        ${row.avatar ? html`<img class="avatar" src=${row.avatar} alt="" width="32" height="32" loading="lazy" />` : nothing}
        <span class="reviewer-name">${row.name}</span>
        ${row.focus ? html`<span class="reviewer-focus">${row.focus}</span>` : nothing}
      </th>
      ${row.cells.map((cell) => renderVerdictCell(cell, words, actions))}
    </tr>
  `;

  return html`
    <article class="widget" part="base" aria-labelledby="title">
      <header part="header">
        ${header.kicker ? html`<p class="kicker">${header.kicker}</p>` : nothing}
        <h2 id="title" part="title">${header.title}</h2>
        ${header.summary ? html`<p class="summary">${header.summary}</p>` : nothing}
        ${header.updated || header.source
          ? html`<p class="meta">
              ${header.updated
                ? html`<span><time datetime=${header.updated}>${header.updatedText}</time></span>`
                : nothing}
              ${header.source
                ? html`<span
                    >${words.source}
                    ${header.source.url
                      ? html`<a href=${header.source.url}>${header.source.name}</a>`
                      : header.source.name}</span
                  >`
                : nothing}
            </p>`
          : nothing}
      </header>
      <div class="cards">${view.cards.map(renderCard)}</div>
      ${view.results ? renderResults(view.results, words, actions) : nothing}
      ${view.scorecard
        ? html`
    <section class="scorecard" part="scorecard" aria-labelledby="scorecard-title">
      <h3 id="scorecard-title">${words.scorecard}</h3>
      <table role="table">
        <caption class="visually-hidden">
          ${view.scorecard.caption}
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            <th role="columnheader" scope="col">${words.reviewer}</th>
            ${view.scorecard.rows[0].cells.map((cell) => html`<th role="columnheader" scope="col">${cell.toolName}</th>`)}
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${view.scorecard.rows.map(renderReviewerRow)}
        </tbody>
      </table>
    </section>
  `
        : nothing}
      ${cta
        ? cta.subscribe
          ? // The form goes straight to the provider in a new tab; the widget keeps nothing.
            html`<section class="cta subscribe" part="cta" aria-labelledby="cta-title">
    <p class="cta-lines">
      <a id="cta-title" href=${cta.url}><strong>${cta.title}</strong></a>
      ${cta.text ? html`<span>${cta.text}</span>` : nothing} ${cta.note ? html`<span class="cta-note">${cta.note}</span>` : nothing}
    </p>
    <form
      class="subscribe-form"
      action=${cta.subscribe.action}
      method=${cta.subscribe.method}
      target="_blank"
      rel="noopener"
      ?hidden=${cta.subscribe.done}
      @submit=${() => actions.subscribed()}
    >
      <label for="subscribe-email">${words.subscribeEmail}</label>
      <input id="subscribe-email" type="email" name=${cta.subscribe.field} required autocomplete="email" />
      <button type="submit">${words.subscribeButton}</button>
    </form>
    <p class="subscribe-done" role="status" tabindex="-1">${cta.subscribe.done ? words.subscribeDone : ''}</p>
  </section>`
          : html`<a class="cta" part="cta" href=${cta.url}>
      <strong>${cta.title}</strong>
      ${cta.text ? html`<span>${cta.text}</span>` : nothing}
      <span class="arrow" aria-hidden="true">→</span>
      ${cta.note ? html`<span class="cta-note">${cta.note}</span>` : nothing}
    </a>`
        : nothing}
    </article>
  `;
}

// ARIA states are bound to the view's booleans: an attribute binding writes them as "true" or
// "false", on the server as in the browser.
function renderResults(results: ResultsView, words: Words, actions: ViewActions): TemplateResult {
  const { voting, segments } = results;
  return html`
    <section class="results" part="results" aria-labelledby="results-title" aria-busy=${results.busy}>
      <h3 id="results-title">${words.communityVote}</h3>
      ${voting
        ? html`<p class="prompt">${words.votePrompt}</p>
            <div class="vote-buttons">
              ${voting.buttons.map(
                (button, index) => html`<button
                  type="button"
                  class="vote tool-${index}"
                  part="vote-button"
                  aria-pressed=${button.pressed}
                  aria-disabled=${voting.busy}
                  @click=${() => actions.vote(button.toolId)}
                >
                  ${button.label}
                </button>`,
              )}
            </div>`
        : nothing}
      <div class="split" aria-hidden="true">
        ${segments.map((segment, index) => html`<span class="split-bar tool-${index}" data-share=${segment.share}></span>`)}
      </div>
      <p class="split-legend">
        <span class="tool-0">${segments[0].text}</span>
        <span class="total">${results.totalText}</span>
        <span class="tool-1">${segments[1].text}</span>
      </p>
      ${results.yourVote ? html`<p class="your-vote">${results.yourVote}</p>` : nothing}
      <p class="vote-error" role="status">${results.failure}</p>
      <p class="visually-hidden" aria-live="polite">${results.announcement}</p>
    </section>
  `;
}

function renderVerdictCell(cell: VerdictCellView, words: Words, actions: ViewActions): TemplateResult {
  const quote = cell.quote;
  return html`
    <td role="cell">
      <span class="cell-tool">${cell.toolName}</span>
      <span class="verdict ${cell.verdict}" part="verdict">${cell.verdictText}</span>
      ${cell.pick ? html`<span class="pick">${words.picks}</span>` : nothing}
      ${quote
        ? html`<blockquote id=${quote.id} class="quote ${quote.long && !quote.expanded ? 'collapsed' : ''}" part="quote">
              <p>${quote.text}</p>
            </blockquote>
            ${quote.long
              ? html`<button
                  type="button"
                  class="more"
                  aria-expanded=${quote.expanded}
                  aria-controls=${quote.id}
                  @click=${() => actions.toggleQuote(quote.key)}
                >
                  ${quote.expanded ? words.less : words.more}
                  <span class="visually-hidden">${quote.toggleLabel}</span>
                </button>`
              : nothing}`
        : nothing}
    </td>
  `;
}
