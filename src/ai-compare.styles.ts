/**
 * The sheet's text: it interpolates nothing. The tag's name is what makes the build minify it.
 */
const css = ([text]: TemplateStringsArray): string => text;

/**
 * Public `--ai-compare-*` tokens are only read here, on the host, with fallbacks, into private
 * `--_*` vars, so a page can theme every widget from `:root` or from the element itself. Colours
 * default to `light-dark()` pairs resolved by the frame's `color-scheme`, so a publisher's token
 * may be a `light-dark()` pair too and brands both schemes at once.
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

  /* The frame carries the scheme (light, dark, or the reader's when auto) and the direction. */
  .frame {
    color-scheme: light dark;
    color: var(--_text);
    font-family: var(--_font);
    font-size: 1rem;
    line-height: 1.5;
  }

  :host([density='compact']) .frame {
    font-size: 0.875rem;
  }

  :host([density='compact']) h2 {
    font-size: 1.25em;
  }

  :host([density='compact']) .figure {
    grid-template-columns: minmax(4.5rem, auto) 1fr;
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

  h2,
  h3,
  p,
  dl,
  dd,
  blockquote {
    margin: 0;
  }

  a,
  .more {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }

  a:hover {
    text-decoration-thickness: 2px;
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
    border-radius: 4px;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  /* Header */
  header {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  .kicker,
  .category {
    color: var(--_accent);
    font-size: 0.75em;
    font-weight: 700;
    letter-spacing: 0.08em;
    text-transform: uppercase;
  }

  /* Spaced letters would break the joins of Arabic script. */
  [dir='rtl'] :is(.kicker, .category) {
    letter-spacing: normal;
  }

  h2,
  h3 {
    font-family: var(--_heading-font);
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

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.25) var(--_space);
    color: var(--_muted);
    font-size: 0.875em;
  }

  /* Tool cards */
  .cards {
    display: grid;
    gap: var(--_space);
  }

  @container (width >= 36rem) {
    .cards {
      grid-template-columns: 1fr 1fr;
    }
  }

  .card,
  .results {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: clamp(calc(var(--_space) * 0.875), 3.5cqi, calc(var(--_space) * 1.25));
  }

  .card {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.625);
    min-width: 0;
  }

  .tool-name {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.625);
    font-size: 1.25em;
    line-height: 1.25;
  }

  .tool-name a,
  .cta-lines a {
    color: inherit;
  }

  .logo,
  .avatar {
    border-radius: calc(var(--_radius) * 0.66);
    object-fit: cover;
    flex: none;
  }

  .tagline {
    font-weight: 600;
  }

  .description {
    color: var(--_muted);
    font-size: 0.9375em;
  }

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

  dt {
    color: var(--_muted);
    font-size: 0.875em;
  }

  dd {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: calc(var(--_space) * 0.5);
    align-items: baseline;
  }

  .figure-value {
    font-size: 1.25em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .figure-detail {
    color: var(--_muted);
    font-size: 0.8125em;
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

  .bar > span,
  .split-bar {
    background: var(--_accent);
  }

  .bar > span {
    width: calc(var(--_share, 0) * 1%);
    border-radius: inherit;
  }

  .bar.ship > span {
    background: var(--_ship);
  }

  /* Community vote */
  h3 {
    font-size: 1.125em;
    line-height: 1.3;
  }

  .prompt {
    color: var(--_muted);
  }

  .vote-buttons {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: calc(var(--_space) * 0.75);
  }

  button {
    font: inherit;
    cursor: pointer;
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

  .vote:hover {
    background: var(--_surface);
  }

  .vote[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }

  .vote[aria-pressed='true']::before {
    content: '✓ ';
  }

  .vote[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }

  .split {
    display: flex;
    gap: 2px;
    height: 0.75rem;
    border-radius: 999px;
    background: var(--_border);
    overflow: hidden;
  }

  .split-bar {
    flex: var(--_share, 0) 1 0;
    transition: flex-grow 240ms ease;
  }

  .split-bar.tool-1 {
    background: var(--_second);
  }

  .split-legend {
    display: grid;
    grid-template-columns: 1fr auto 1fr;
    gap: calc(var(--_space) * 0.25) var(--_space);
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }

  .split-legend .tool-1 {
    text-align: end;
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

  .split-legend .tool-1::before {
    background: var(--_second);
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

  .split-legend .total {
    color: var(--_muted);
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

  /* Flow layout rather than grid gaps: the empty status line must stay in the accessibility
     tree (so its announcement is heard when text arrives) without taking any space. */
  .results > * + *:not(:empty) {
    margin-top: calc(var(--_space) * 0.75);
  }

  /* Scorecard */
  .scorecard {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    min-width: 0;
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

  thead th {
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
    border-top: 0;
    padding-top: 0;
  }

  thead th:first-child {
    width: 24%;
  }

  .reviewer {
    display: table-cell;
  }

  .reviewer-name {
    display: block;
    font-weight: 700;
  }

  .reviewer-focus {
    display: block;
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 400;
  }

  .avatar {
    display: block;
    margin-bottom: calc(var(--_space) * 0.375);
  }

  .cell-tool {
    display: none;
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

  .verdict.ship {
    color: var(--_ship);
  }

  .verdict.skip {
    color: var(--_skip);
  }

  .verdict.none,
  .pick {
    color: var(--_muted);
  }

  .pick {
    margin-inline-start: calc(var(--_space) * 0.375);
    border-style: dashed;
  }

  .quote {
    margin-top: calc(var(--_space) * 0.5);
    font-size: 0.9375em;
  }

  .quote.collapsed p {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 4;
    line-clamp: 4;
    overflow: hidden;
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

  .cta .arrow {
    margin-inline-start: auto;
    font-weight: 700;
  }

  [dir='rtl'] .arrow {
    transform: scaleX(-1);
  }

  .cta:hover strong {
    text-decoration: underline;
  }

  .cta-note {
    flex-basis: 100%;
    font-size: 0.875rem;
  }

  /* The e-mail sign-up: a form on the accent panel, posting to the publisher's provider */
  .cta.subscribe {
    display: grid;
    gap: 0.75rem;
  }

  .cta-lines {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }

  .cta.subscribe :focus-visible {
    outline-color: var(--_on-accent);
  }

  .subscribe-form {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  .subscribe-form label {
    flex-basis: 100%;
    font-size: 0.875rem;
    font-weight: 600;
  }

  .subscribe-form input,
  .subscribe-form button {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_on-accent);
    border-radius: var(--_radius);
    font: inherit;
  }

  .subscribe-form input {
    flex: 1 1 12rem;
    min-width: 0;
    background: var(--_bg);
    color: var(--_text);
  }

  .subscribe-form button {
    background: var(--_on-accent);
    color: var(--_accent);
    font-weight: 700;
  }

  .subscribe-form[hidden] {
    display: none;
  }

  .subscribe-done {
    font-weight: 600;
  }

  /* Out of the flow while empty, but kept in the accessibility tree: a status is heard when filled. */
  .subscribe-done:empty {
    position: absolute;
  }

  /* Loading and error */
  .skeleton {
    align-content: start;
  }

  /* The placeholder cards are .card elements, which give them their background and corners. */
  .bone {
    background: var(--_surface);
    border-radius: calc(var(--_radius) * 0.66);
  }

  .bone-title {
    height: 2.25rem;
    width: min(28rem, 80%);
  }

  .bone-line {
    height: 1rem;
    width: min(36rem, 95%);
  }

  .bone-card {
    min-height: 26rem;
  }

  .bone-results {
    height: 11rem;
  }

  .bone-rows {
    height: 36rem;
  }

  .bone-cta {
    height: 3.5rem;
  }

  .bone,
  .bone-card {
    animation: pulse 1.4s ease-in-out infinite;
  }

  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }

  .fallback {
    color: var(--_muted);
  }

  .error {
    border-color: var(--_skip);
    gap: calc(var(--_space) * 0.5);
  }

  .error-title {
    font-weight: 700;
    color: var(--_skip);
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
