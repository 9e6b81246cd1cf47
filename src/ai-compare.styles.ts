/**
 * The sheet's text: it interpolates nothing. The tag's name is what makes the build minify it.
 */
const css = ([text]: TemplateStringsArray): string => text;

/**
 * Public `--ai-compare-*` tokens are only read here, on the host, with fallbacks, into private
 * `--_*` vars, so a page can theme every widget from `:root` or from the element itself. Colours
 * default to `light-dark()` pairs resolved by the frame's `color-scheme`, so a publisher's token
 * may be a `light-dark()` pair too and brands both schemes at once.
 *
 * Within each section the rules stand in the order that compresses best (alike rules side by
 * side), not in reading order. Moving a rule is safe only past rules that cannot set one of its
 * properties on the same element with the same specificity: those keep their relative order.
 */
export const styles = css`
  :host {
    --_accent: var(--ai-compare-accent, light-dark(#4f46e5, #a5b4fc));
    --_on-accent: var(--ai-compare-on-accent, light-dark(#ffffff, #0f172a));
    --_second: var(--ai-compare-second, light-dark(#0e7490, #67e8f9));
    --_bg: var(--ai-compare-background, light-dark(#ffffff, #0f172a));
    --_surface: var(--ai-compare-surface, light-dark(#f8fafc, #1e293b));
    --_text: var(--ai-compare-text, light-dark(#0f172a, #f1f5f9));
    --_muted: var(--ai-compare-muted, light-dark(#475569, #a3b1c6));
    --_border: var(--ai-compare-border, light-dark(#e2e8f0, #334155));
    --_ship: var(--ai-compare-ship, light-dark(#047857, #6ee7b7));
    --_skip: var(--ai-compare-skip, light-dark(#b91c1c, #fca5a5));
    --_focus: var(--ai-compare-focus-ring, var(--_accent));
    --_font: var(--ai-compare-font-family, inherit);
    --_heading-font: var(--ai-compare-heading-font-family, var(--_font));
    --_radius: var(--ai-compare-radius, 12px);
    --_space: var(--ai-compare-space, 1rem);
    display: block;
  }

  :host([hidden]) {
    display: none;
  }

  /* Compact: tighter spacing and type for sidebars and columns under 360 px. */
  :host([density='compact']) {
    --_space: calc(var(--ai-compare-space, 1rem) * 0.625);
  }

  .widget {
    container-type: inline-size;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: clamp(var(--_space), 4cqi, calc(var(--_space) * 1.75));
    display: grid;
    gap: calc(var(--_space) * 1.5);
    overflow-wrap: anywhere;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  /* The frame carries the scheme (light, dark, or the reader's when auto) and the direction. */
  .frame {
    color-scheme: light dark;
    color: var(--_text);
    font-family: var(--_font);
    font-size: 1rem;
    line-height: 1.5;
  }

  [data-scheme='light'] {
    color-scheme: light;
  }

  [data-scheme='dark'] {
    color-scheme: dark;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  :host([density='compact']) .frame {
    font-size: 0.875rem;
  }

  a:hover {
    text-decoration-thickness: 2px;
  }

  :host([density='compact']) .figure {
    grid-template-columns: minmax(4.5rem, auto) 1fr;
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    border-radius: 4px;
  }

  :host([density='compact']) h2 {
    font-size: 1.25em;
  }

  a,
  .more {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }

  h2,
  h3,
  p,
  dl,
  dd,
  blockquote {
    margin: 0;
  }

  /* Header */
  h2,
  h3 {
    font-family: var(--_heading-font);
  }

  header {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  /* Spaced letters would break the joins of Arabic script. */
  [dir='rtl'] :is(.kicker, .category) {
    letter-spacing: normal;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.25) var(--_space);
    color: var(--_muted);
    font-size: 0.875em;
  }

  .kicker,
  .category {
    color: var(--_accent);
    font-size: 0.75em;
    font-weight: 700;
    letter-spacing: 0.08em;
    text-transform: uppercase;
  }

  h2 {
    font-size: clamp(1.375em, 4.5cqi, 2em);
    line-height: 1.2;
    letter-spacing: -0.01em;
  }

  .summary {
    color: var(--_muted);
    max-width: 60ch;
  }

  /* Tool cards */
  .figures {
    display: grid;
    gap: calc(var(--_space) * 0.875);
    margin-top: auto;
    padding-top: calc(var(--_space) * 0.875);
    border-top: 1px solid var(--_border);
  }

  .figure {
    display: grid;
    grid-template-columns: minmax(6rem, auto) 1fr;
    gap: calc(var(--_space) * 0.75);
    align-items: baseline;
  }

  .cards {
    display: grid;
    gap: var(--_space);
  }

  .card {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.625);
    min-width: 0;
  }

  /* A flex track, like .split: its fill stretches to the track's height. */
  .bar {
    grid-column: 1 / -1;
    display: flex;
    height: 0.375rem;
    margin-top: calc(var(--_space) * 0.375);
    border-radius: 999px;
    background: var(--_border);
    overflow: hidden;
  }

  .tool-name a,
  .cta-lines a {
    color: inherit;
  }

  .bar > span,
  .split-bar {
    background: var(--_accent);
  }

  .tool-name {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.625);
    font-size: 1.25em;
    line-height: 1.25;
  }

  .bar.ship > span {
    background: var(--_ship);
  }

  dt {
    color: var(--_muted);
    font-size: 0.875em;
  }

  .figure-value {
    font-size: 1.25em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .tagline {
    font-weight: 600;
  }

  .description {
    color: var(--_muted);
    font-size: 0.9375em;
  }

  .figure-detail {
    color: var(--_muted);
    font-size: 0.8125em;
  }

  @container (width >= 36rem) {
    .cards {
      grid-template-columns: 1fr 1fr;
    }
  }

  dd {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: calc(var(--_space) * 0.5);
    align-items: baseline;
  }

  .card,
  .results {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: clamp(calc(var(--_space) * 0.875), 3.5cqi, calc(var(--_space) * 1.25));
  }

  .bar > span {
    width: calc(var(--_share, 0) * 1%);
    border-radius: inherit;
  }

  .logo,
  .avatar {
    border-radius: calc(var(--_radius) * 0.66);
    object-fit: cover;
    flex: none;
  }

  /* Community vote */
  .split-bar {
    flex: var(--_share, 0) 1 0;
    transition: flex-grow 240ms ease;
  }

  .split-legend {
    display: grid;
    grid-template-columns: 1fr auto 1fr;
    gap: calc(var(--_space) * 0.25) var(--_space);
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }

  .vote-buttons {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: calc(var(--_space) * 0.75);
  }

  .vote:hover {
    background: var(--_surface);
  }

  .split-legend .tool-1 {
    text-align: end;
  }

  .vote[aria-pressed='true']::before {
    content: '✓ ';
  }

  .split {
    display: flex;
    gap: 2px;
    height: 0.75rem;
    border-radius: 999px;
    background: var(--_border);
    overflow: hidden;
  }

  h3 {
    font-size: 1.125em;
    line-height: 1.3;
  }

  .split-bar.tool-1 {
    background: var(--_second);
  }

  .vote[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }

  .vote {
    min-height: 2.75rem;
    padding: calc(var(--_space) * 0.625) var(--_space);
    border-radius: calc(var(--_radius) * 0.75);
    border: 2px solid var(--_accent);
    background: var(--_bg);
    color: var(--_accent);
    font-weight: 700;
    transition:
      background-color 120ms ease,
      color 120ms ease;
  }

  .your-vote {
    font-size: 0.875em;
    color: var(--_muted);
  }

  .vote-error {
    color: var(--_skip);
    font-size: 0.875em;
    font-weight: 600;
  }

  .prompt {
    color: var(--_muted);
  }

  /* On a phone a figure's detail gets its own line instead of wrapping beside the figure, and
     the legend stacks. */
  @container (width <= 30rem) {
    .figure-detail {
      grid-column: 1 / -1;
    }

    .split-legend {
      grid-template-columns: 1fr;
    }

    .split-legend .tool-1 {
      text-align: start;
    }

    .split-legend .total {
      grid-row: 3;
    }
  }

  /* Flow layout rather than grid gaps: the empty status line must stay in the accessibility
     tree (so its announcement is heard when text arrives) without taking any space. */
  .results > * + *:not(:empty) {
    margin-top: calc(var(--_space) * 0.75);
  }

  /* A dot in each bar's colour ties the names to the segments. */
  .split-legend :not(.total)::before {
    content: '';
    display: inline-block;
    width: 0.625em;
    height: 0.625em;
    margin-inline-end: 0.375em;
    border-radius: 50%;
    background: var(--_accent);
  }

  button {
    font: inherit;
    cursor: pointer;
  }

  .split-legend .tool-1::before {
    background: var(--_second);
  }

  .vote[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }

  .split-legend .total {
    color: var(--_muted);
  }

  /* Scorecard */
  .quote.collapsed p {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 4;
    line-clamp: 4;
    overflow: hidden;
  }

  thead th:first-child {
    width: 24%;
  }

  thead th {
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
    border-top: 0;
    padding-top: 0;
  }

  .cell-tool {
    display: none;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }

  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: calc(var(--_space) * 0.875) calc(var(--_space) * 0.75);
    border-top: 1px solid var(--_border);
  }

  /* Narrow: each reviewer becomes a stacked block; explicit roles keep the table semantics. */
  @container (width < 36rem) {
    thead {
      display: none;
    }

    table,
    tbody,
    tr,
    th,
    td {
      display: block;
    }

    tr {
      border-top: 1px solid var(--_border);
      padding: calc(var(--_space) * 0.75) 0;
    }

    th,
    td {
      border: 0;
      padding: calc(var(--_space) * 0.375) 0;
    }

    .cell-tool {
      display: block;
      font-size: 0.8125em;
      font-weight: 700;
      color: var(--_muted);
    }
  }

  .reviewer-name {
    display: block;
    font-weight: 700;
  }

  .verdict.skip {
    color: var(--_skip);
  }

  .reviewer-focus {
    display: block;
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 400;
  }

  .verdict.ship {
    color: var(--_ship);
  }

  .reviewer {
    display: table-cell;
  }

  .verdict,
  .pick {
    display: inline-block;
    padding: calc(var(--_space) * 0.125) calc(var(--_space) * 0.625);
    border-radius: 999px;
    font-size: 0.8125em;
    font-weight: 700;
    border: 1px solid currentColor;
  }

  .pick {
    margin-inline-start: calc(var(--_space) * 0.375);
    border-style: dashed;
  }

  .avatar {
    display: block;
    margin-bottom: calc(var(--_space) * 0.375);
  }

  .verdict.none,
  .pick {
    color: var(--_muted);
  }

  .quote {
    margin-top: calc(var(--_space) * 0.5);
    font-size: 0.9375em;
  }

  .more {
    margin-top: calc(var(--_space) * 0.25);
    padding: calc(var(--_space) * 0.25) 0;
    border: 0;
    background: none;
    font-size: 0.875em;
    font-weight: 600;
    text-decoration: underline;
  }

  .scorecard {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    min-width: 0;
  }

  /* Call to action */
  .cta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 0.25) calc(var(--_space) * 0.75);
    padding: var(--_space) calc(var(--_space) * 1.25);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    text-decoration: none;
  }

  .subscribe-form input,
  .subscribe-form button {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_on-accent);
    border-radius: var(--_radius);
    font: inherit;
  }

  .cta.subscribe :focus-visible {
    outline-color: var(--_on-accent);
  }

  .cta-lines {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }

  .subscribe-form input {
    flex: 1 1 12rem;
    min-width: 0;
    background: var(--_bg);
    color: var(--_text);
  }

  /* The e-mail sign-up: a form on the accent panel, posting to the publisher's provider */
  .cta.subscribe {
    display: grid;
    gap: 0.75rem;
  }

  [dir='rtl'] .arrow {
    transform: scaleX(-1);
  }

  .cta-note {
    flex-basis: 100%;
    font-size: 0.875rem;
  }

  .subscribe-form {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  .subscribe-form[hidden] {
    display: none;
  }

  .subscribe-form button {
    background: var(--_on-accent);
    color: var(--_accent);
    font-weight: 700;
  }

  /* Out of the flow while empty, but kept in the accessibility tree: a status is heard when filled. */
  .subscribe-done:empty {
    position: absolute;
  }

  .subscribe-form label {
    flex-basis: 100%;
    font-size: 0.875rem;
    font-weight: 600;
  }

  .cta .arrow {
    margin-inline-start: auto;
    font-weight: 700;
  }

  .subscribe-done {
    font-weight: 600;
  }

  .cta:hover strong {
    text-decoration: underline;
  }

  /* Loading and error */
  .bone-rows {
    height: 36rem;
  }

  .bone-line {
    height: 1rem;
    width: min(36rem, 95%);
  }

  .bone-results {
    height: 11rem;
  }

  .bone-card {
    min-height: 26rem;
  }

  .bone-title {
    height: 2.25rem;
    width: min(28rem, 80%);
  }

  .bone-cta {
    height: 3.5rem;
  }

  /* The placeholder cards are .card elements, which give them their background and corners. */
  .bone {
    background: var(--_surface);
    border-radius: calc(var(--_radius) * 0.66);
  }

  .bone,
  .bone-card {
    animation: pulse 1.4s ease-in-out infinite;
  }

  .error {
    border-color: var(--_skip);
    gap: calc(var(--_space) * 0.5);
  }

  .error-title {
    font-weight: 700;
    color: var(--_skip);
  }

  .skeleton {
    align-content: start;
  }

  .fallback {
    color: var(--_muted);
  }

  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }

  /* Forced colours turn every border CanvasText; these two also become plain 1px lines. */
  @media (forced-colors: active) {
    .vote,
    .pick {
      border: 1px solid CanvasText;
    }

    .bar > span,
    .split-bar {
      background: Highlight;
      forced-color-adjust: none;
    }

    .split-bar.tool-1 {
      background: CanvasText;
    }

    .vote[aria-pressed='true'] {
      background: Highlight;
      color: HighlightText;
      forced-color-adjust: none;
    }
  }
`;
