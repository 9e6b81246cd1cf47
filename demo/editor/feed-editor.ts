/**
 * `<ai-compare-editor>`: a form for every field of a comparison feed, with the real
 * `<ai-compare>` previewing the draft beside it. Problems come from the widget's own feed check
 * (kept equal to the server's and the CLI's schema) and show next to their fields as you type.
 * The draft is kept in localStorage, so a reload loses nothing.
 */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import '../../src/define.js';
import { exampleFeed } from '../../contract/example-feed.js';
import { checkFeed } from '../../contract/check-feed.js';
import type { FeedInput, FeedProblem } from '../../contract/feed-schema.js';
import { FEED_SCHEMA_PATH } from '../../contract/routes.js';
import { draftFromText, getAt, pathKey, renameToolId, setAt, type Json, type JsonObject, type Path } from './draft.js';
import { embedSnippet } from './embed-snippet.js';

const STORAGE_KEY = 'ai-compare-editor';
const LAUNCH_FEED_URL = '/demo/feeds/cursor-vs-smolvlm2.json';

interface Saved {
  draft: JsonObject;
  feedUrl: string;
  articleUrl: string;
}

interface FieldOptions {
  kind?: 'text' | 'link' | 'textarea' | 'date' | 'number';
  required?: boolean;
  hint?: string;
  /** Replaces the default "store the text at the path". */
  onInput?: (value: string) => void;
  /** Also show the problems of values inside this one (the items of a list). */
  nested?: boolean;
}

const fieldId = (path: Path) => `field-${pathKey(path).replace(/[^A-Za-z0-9]+/g, '-')}`;
const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1) + '.';
const textOf = (value: Json | undefined) =>
  value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
const asObject = (value: Json | undefined): JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
const asArray = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * @summary A visual editor for comparison feeds with a live preview.
 * @tagname ai-compare-editor
 */
export class AiCompareEditor extends LitElement {
  static override properties = {
    draft: { state: true },
    feedUrl: { state: true },
    articleUrl: { state: true },
    status: { state: true },
    undoDraft: { state: true },
  };

  declare private draft: JsonObject;
  declare private feedUrl: string;
  declare private articleUrl: string;
  /** The last thing the editor did or could not do, for the status line. */
  declare private status: string;
  /** The draft before it was replaced by an opened or pasted feed. */
  declare private undoDraft?: JsonObject;

  private problems: FeedProblem[] = [];
  /** Paths that have a field in the form, collected while rendering. */
  private readonly renderedFields = new Set<string>();
  private downloadUrl?: string;
  private focusAfterUpdate?: string;

  constructor() {
    super();
    const saved = this.restore();
    this.draft = saved?.draft ?? this.example();
    this.feedUrl = saved?.feedUrl ?? '';
    this.articleUrl = saved?.articleUrl ?? '';
    this.status = '';
  }

  protected override createRenderRoot(): HTMLElement {
    // Light DOM: the page's stylesheet lays the form out, and labels work as on any page.
    return this;
  }

  override connectedCallback(): void {
    // The page's no-JavaScript note gives way to the editor.
    if (!this.hasUpdated) this.replaceChildren();
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
  }

  /** The draft as a feed file's text. */
  get json(): string {
    return `${JSON.stringify(this.draft, null, 2)}\n`;
  }

  /** Replaces the draft (an opened or pasted feed); the previous one can be restored once. */
  load(draft: JsonObject, what: string): void {
    this.undoDraft = this.draft;
    this.draft = draft;
    this.status = `${what} loaded.`;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('draft')) {
      const parsed = checkFeed(this.draft, this.validationBase());
      this.problems = parsed.ok ? [] : parsed.problems;
    }
    if (changed.has('draft') || changed.has('feedUrl') || changed.has('articleUrl')) this.save();
  }

  protected override updated(): void {
    if (this.focusAfterUpdate) {
      this.querySelector<HTMLElement>(`#${this.focusAfterUpdate}`)?.focus();
      this.focusAfterUpdate = undefined;
    }
  }

  private example(): JsonObject {
    return exampleFeed(new URL(FEED_SCHEMA_PATH, document.baseURI).href) as unknown as JsonObject;
  }

  /** Relative links are checked against where the feed will be published, once that is known. */
  private validationBase(): string {
    return isHttpUrl(this.feedUrl) ? this.feedUrl : document.baseURI;
  }

  private restore(): Saved | undefined {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Saved> | null;
      if (!saved || typeof saved.draft !== 'object' || saved.draft === null || Array.isArray(saved.draft)) return undefined;
      return {
        draft: saved.draft,
        feedUrl: typeof saved.feedUrl === 'string' ? saved.feedUrl : '',
        articleUrl: typeof saved.articleUrl === 'string' ? saved.articleUrl : '',
      };
    } catch {
      return undefined;
    }
  }

  private save(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ draft: this.draft, feedUrl: this.feedUrl, articleUrl: this.articleUrl }));
    } catch {
      // Storage full or blocked: the draft still lives in the page and can be downloaded.
    }
  }

  private set(path: Path, value: Json | undefined): void {
    this.draft = setAt(this.draft, path, value);
  }

  private problemsAt(path: Path, nested = false): string[] {
    const key = pathKey(path);
    this.renderedFields.add(key);
    return this.problems
      .filter((problem) => problem.path === key || (nested && problem.path.startsWith(`${key}[`)))
      .map((problem) => (problem.path === key ? sentence(problem.message) : `${problem.path.slice(key.length)}: ${sentence(problem.message)}`));
  }

  // ---- actions ----

  private async loadLaunch(): Promise<void> {
    try {
      const response = await fetch(LAUNCH_FEED_URL);
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      const result = draftFromText(await response.text());
      if (!result.ok) throw new Error(result.message);
      this.load(result.draft, 'The launch comparison');
    } catch (error) {
      this.status = `The launch comparison could not be loaded: ${(error as Error).message}`;
    }
  }

  private async openFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const result = draftFromText(await file.text());
    input.value = '';
    if (result.ok) this.load(result.draft, file.name);
    else this.status = `${file.name} was not loaded. ${result.message}`;
  }

  private usePasted(): void {
    const area = this.querySelector<HTMLTextAreaElement>('#paste-json');
    if (!area) return;
    const result = draftFromText(area.value);
    if (!result.ok) {
      this.status = `The pasted text was not loaded. ${result.message}`;
      return;
    }
    area.value = '';
    this.load(result.draft, 'The pasted feed');
  }

  private undo(): void {
    if (!this.undoDraft) return;
    this.draft = this.undoDraft;
    this.undoDraft = undefined;
    this.status = 'The previous draft is back.';
  }

  private download(): void {
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = URL.createObjectURL(new Blob([this.json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = this.downloadUrl;
    const id = typeof this.draft.id === 'string' && this.draft.id ? this.draft.id : 'comparison';
    link.download = `${id}.json`;
    link.hidden = true;
    this.append(link);
    link.click();
    link.remove();
    this.status = this.problems.length
      ? `Downloaded ${link.download}. It still has ${this.problemCount()}; the widget will show an error until they are fixed.`
      : `Downloaded ${link.download}.`;
  }

  private async copySnippet(): Promise<void> {
    const area = this.querySelector<HTMLTextAreaElement>('#embed-snippet');
    if (!area) return;
    try {
      await navigator.clipboard.writeText(area.value);
      this.status = 'Embed snippet copied.';
    } catch {
      area.select();
      this.status = 'The snippet is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
    }
  }

  private addReviewer(): void {
    const reviewers = asArray(this.draft.reviewers);
    const ids = new Set(reviewers.map((reviewer) => asObject(reviewer).id));
    let n = reviewers.length + 1;
    while (ids.has(`reviewer-${n}`)) n++;
    this.set(['reviewers', reviewers.length], { id: `reviewer-${n}`, name: `Reviewer ${n}`, verdicts: {} });
    this.focusAfterUpdate = fieldId(['reviewers', reviewers.length, 'name']);
  }

  private removeReviewer(index: number): void {
    const reviewers = asArray(this.draft.reviewers).filter((_, i) => i !== index);
    this.set(['reviewers'], reviewers.length ? reviewers : undefined);
    this.status = `Reviewer ${index + 1} removed.`;
    this.focusAfterUpdate = 'add-reviewer';
  }

  private problemCount(): string {
    const n = this.problems.length;
    return `${n} ${n === 1 ? 'problem' : 'problems'}`;
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    this.renderedFields.clear();
    // Fields first, so the summary knows which problems it can link to a field.
    const sections = [
      this.renderComparison(),
      this.renderTool(0),
      this.renderTool(1),
      this.renderReviewers(),
      this.renderVotes(),
      this.renderCta(),
      this.renderEmbed(),
    ];
    return html`
      <div class="editor-toolbar" role="group" aria-label="Feed file">
        <button type="button" @click=${() => this.load(this.example(), 'The example feed')}>Start from the example</button>
        <button type="button" @click=${() => void this.loadLaunch()}>Load the launch comparison</button>
        <span class="file-picker">
          <label for="open-file">Open a feed file</label>
          <input id="open-file" type="file" accept=".json,application/json" @change=${(e: Event) => void this.openFile(e)} />
        </span>
        <button type="button" @click=${() => this.download()}>Download JSON</button>
      </div>
      <details class="paste">
        <summary>Paste JSON</summary>
        <label for="paste-json">Feed JSON</label>
        <textarea id="paste-json" rows="6" spellcheck="false"></textarea>
        <button type="button" @click=${() => this.usePasted()}>Use this JSON</button>
      </details>
      <p class="editor-status" role="status">
        ${this.status}
        ${this.undoDraft ? html`<button type="button" class="link-button" @click=${() => this.undo()}>Undo</button>` : nothing}
      </p>
      <div class="editor-layout">
        <form class="editor-form" aria-label="Comparison feed" novalidate @submit=${(e: Event) => e.preventDefault()}>
          ${this.renderSummary()} ${sections}
        </form>
        <section class="editor-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview</h2>
          <ai-compare loading="eager" .feed=${this.draft as unknown as FeedInput}></ai-compare>
        </section>
      </div>
    `;
  }

  private renderSummary(): TemplateResult {
    const problems = this.problems;
    return html`
      <section class="problem-summary ${problems.length ? 'has-problems' : 'valid'}" aria-labelledby="summary-title">
        <h2 id="summary-title">
          <span role="status">${problems.length ? `This feed has ${this.problemCount()}` : 'This feed is valid'}</span>
        </h2>
        ${problems.length
          ? html`<ul>
              ${problems.map(({ path, message }) => {
                const field = this.fieldFor(path);
                return html`<li>
                  ${field ? html`<a href="#${fieldId(field)}">${path}</a>` : html`<code>${path}</code>`}: ${message}
                </li>`;
              })}
            </ul>`
          : nothing}
      </section>
    `;
  }

  /** The field showing a problem's path (or the list holding it), if the form has one. */
  private fieldFor(path: string): Path | undefined {
    const segments: Path = path === 'feed'
      ? []
      : [...path.matchAll(/\[(\d+)\]|\.?([^.[]+)/g)].map((match) => (match[1] !== undefined ? Number(match[1]) : match[2]));
    for (let length = segments.length; length > 0; length--) {
      const candidate = segments.slice(0, length);
      if (this.renderedFields.has(pathKey(candidate))) return candidate;
    }
    return undefined;
  }

  private field(path: Path, label: string, options: FieldOptions = {}): TemplateResult {
    const { kind = 'text', required = false, hint, onInput, nested = false } = options;
    const id = fieldId(path);
    const problems = this.problemsAt(path, nested);
    const describedBy = [hint ? `${id}-hint` : '', problems.length ? `${id}-problem` : ''].filter(Boolean).join(' ');
    const stored = getAt(this.draft, path);
    const value = nested && Array.isArray(stored) ? stored.map(textOf).join('\n') : textOf(stored);
    const handle = (event: Event) => {
      const text = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
      if (onInput) onInput(text);
      else if (kind === 'number') this.set(path, text.trim() === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);
      else this.set(path, text);
    };
    const common = {
      id,
      invalid: problems.length ? 'true' : 'false',
      describedBy: describedBy || undefined,
    };
    return html`
      <div class="field ${problems.length ? 'invalid' : ''}">
        <label for=${id}>${label}${required ? html` <span class="required">(required)</span>` : nothing}</label>
        ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
        ${kind === 'textarea'
          ? html`<textarea
              id=${common.id}
              rows="3"
              .value=${nested ? value : live(value)}
              aria-invalid=${common.invalid}
              aria-describedby=${ifDefined(common.describedBy)}
              @input=${handle}
            ></textarea>`
          : html`<input
              id=${common.id}
              type=${kind === 'date' ? 'date' : kind === 'number' ? 'number' : kind === 'link' ? 'url' : 'text'}
              inputmode=${ifDefined(kind === 'number' ? 'numeric' : undefined)}
              min=${ifDefined(kind === 'number' ? '0' : undefined)}
              .value=${live(value)}
              aria-invalid=${common.invalid}
              aria-describedby=${ifDefined(common.describedBy)}
              @input=${handle}
            />`}
        ${problems.length ? html`<p class="problem" id="${id}-problem">${problems.join(' ')}</p>` : nothing}
      </div>
    `;
  }

  private select(path: Path, label: string, choices: [string, string][], onChange?: (value: string) => void): TemplateResult {
    const id = fieldId(path);
    const problems = this.problemsAt(path);
    const value = textOf(getAt(this.draft, path));
    return html`
      <div class="field ${problems.length ? 'invalid' : ''}">
        <label for=${id}>${label}</label>
        <select
          id=${id}
          aria-invalid=${problems.length ? 'true' : 'false'}
          aria-describedby=${ifDefined(problems.length ? `${id}-problem` : undefined)}
          @change=${(event: Event) => {
            const chosen = (event.target as HTMLSelectElement).value;
            if (onChange) onChange(chosen);
            else this.set(path, chosen);
          }}
        >
          ${choices.map(([choice, text]) => html`<option value=${choice} .selected=${choice === value}>${text}</option>`)}
          ${value && !choices.some(([choice]) => choice === value)
            ? html`<option value=${value} .selected=${true}>${value}</option>`
            : nothing}
        </select>
        ${problems.length ? html`<p class="problem" id="${id}-problem">${problems.join(' ')}</p>` : nothing}
      </div>
    `;
  }

  private renderComparison(): TemplateResult {
    return html`
      <fieldset>
        <legend>Comparison</legend>
        ${this.field(['title'], 'Title', { required: true, hint: 'For example "Cursor 1.0 vs SmolVLM2-2B". At most 200 characters.' })}
        ${this.field(['id'], 'Id', {
          required: true,
          hint: 'Lowercase letters, digits and dashes; votes are counted under it, so keep it once published.',
        })}
        ${this.field(['kicker'], 'Kicker', { hint: 'A short line above the title, such as "AI tool comparison".' })}
        ${this.field(['summary'], 'Summary', { kind: 'textarea' })}
        ${this.field(['updated'], 'Updated', { kind: 'date' })}
        ${this.field(['source', 'name'], 'Source name', { hint: 'Shown as "Comparison by …".' })}
        ${this.field(['source', 'url'], 'Source link', { kind: 'link' })}
      </fieldset>
    `;
  }

  private renderTool(index: number): TemplateResult {
    const tool = ['tools', index];
    const name = textOf(getAt(this.draft, [...tool, 'name']));
    return html`
      <fieldset>
        <legend>Tool ${index + 1}${name ? `: ${name}` : ''}</legend>
        ${this.field([...tool, 'name'], 'Name', { required: true })}
        ${this.field([...tool, 'id'], 'Id', {
          required: true,
          hint: 'A slug; reviewers’ verdicts follow when you change it.',
          onInput: (value) => (this.draft = renameToolId(this.draft, index, value)),
        })}
        ${this.field([...tool, 'category'], 'Category')} ${this.field([...tool, 'tagline'], 'Tagline')}
        ${this.field([...tool, 'description'], 'Description', { kind: 'textarea' })}
        ${this.field([...tool, 'url'], 'Website', { kind: 'link' })}
        ${this.field([...tool, 'logo'], 'Logo image', { kind: 'link' })}
        ${this.field([...tool, 'pricing', 'entry'], 'Entry price', { hint: 'For example "Free" or "$20/month".' })}
        ${this.field([...tool, 'pricing', 'details'], 'Pricing details')}
        ${this.field([...tool, 'pricing', 'url'], 'Pricing page', { kind: 'link' })}
      </fieldset>
    `;
  }

  private toolChoices(): { id: string; name: string }[] {
    return asArray(this.draft.tools)
      .slice(0, 2)
      .map((tool, index) => ({ id: textOf(asObject(tool).id), name: textOf(asObject(tool).name) || `Tool ${index + 1}` }))
      .filter((tool) => tool.id !== '');
  }

  private renderReviewers(): TemplateResult {
    const reviewers = asArray(this.draft.reviewers);
    return html`
      <fieldset>
        <legend>Reviewers</legend>
        ${reviewers.length ? nothing : html`<p class="hint">No reviewers: the scorecard is left out.</p>`}
        ${reviewers.map((reviewer, index) => this.renderReviewer(asObject(reviewer), index))}
        <button type="button" id="add-reviewer" @click=${() => this.addReviewer()}>Add a reviewer</button>
      </fieldset>
    `;
  }

  private renderReviewer(reviewer: JsonObject, index: number): TemplateResult {
    const at = ['reviewers', index];
    const tools = this.toolChoices();
    const title = `Reviewer ${index + 1}${reviewer.name ? `: ${textOf(reviewer.name)}` : ''}`;
    return html`
      <fieldset class="reviewer">
        <legend>${title}</legend>
        ${this.field([...at, 'name'], 'Name', { required: true, hint: 'For example "The Skeptic".' })}
        ${this.field([...at, 'id'], 'Id', { required: true })} ${this.field([...at, 'focus'], 'Focus')}
        ${this.field([...at, 'avatar'], 'Avatar image', { kind: 'link' })}
        ${tools.map(
          (tool) => html`<div class="verdict-pair">
            ${this.select([...at, 'verdicts', tool.id, 'verdict'], `Verdict on ${tool.name}`, [
              ['', 'No verdict'],
              ['ship', 'Ship'],
              ['skip', 'Skip'],
            ])}
            ${this.field([...at, 'verdicts', tool.id, 'quote'], `Quote on ${tool.name}`, { kind: 'textarea' })}
          </div>`,
        )}
        ${this.select([...at, 'pick'], 'Pick', [['', 'No pick'], ...tools.map((tool): [string, string] => [tool.id, tool.name])])}
        <button type="button" class="remove" @click=${() => this.removeReviewer(index)}>Remove ${title}</button>
      </fieldset>
    `;
  }

  private renderVotes(): TemplateResult {
    return html`
      <fieldset>
        <legend>Votes</legend>
        ${this.field(['votes', 'endpoint'], 'Vote endpoint', {
          kind: 'link',
          hint: 'The vote API for this comparison, such as /api/comparisons/<id>/votes on the reference server. Leave empty for no voting.',
        })}
        ${this.field(['votes', 'origins'], 'Sites allowed to vote', {
          kind: 'textarea',
          nested: true,
          hint: 'One origin a line, like https://blog.example. Empty: any site.',
          onInput: (value) => {
            const lines = value.split('\n').map((line) => line.trim());
            this.set(['votes', 'origins'], lines.some(Boolean) ? lines.filter(Boolean) : undefined);
          },
        })}
        ${this.toolChoices().map((tool) =>
          this.field(['community', tool.id], `Static vote count for ${tool.name}`, {
            kind: 'number',
            hint: 'Used only when there is no vote endpoint.',
          }),
        )}
      </fieldset>
    `;
  }

  private renderCta(): TemplateResult {
    return html`
      <fieldset>
        <legend>Call to action</legend>
        ${this.field(['cta', 'title'], 'Title', { hint: 'For example your newsletter’s name.' })}
        ${this.field(['cta', 'text'], 'Text')} ${this.field(['cta', 'note'], 'Note', { hint: 'A third, smaller line.' })}
        ${this.field(['cta', 'url'], 'Link', { kind: 'link' })}
        ${this.field(['cta', 'subscribe', 'action'], 'Sign-up form action', {
          kind: 'link',
          hint: 'Your newsletter provider’s form address: readers sign up right in the widget.',
        })}
        ${this.field(['cta', 'subscribe', 'emailField'], 'E-mail field name', { hint: 'What the provider calls it; "email" when empty.' })}
        ${this.select(['cta', 'subscribe', 'method'], 'Form method', [
          ['', 'Default (post)'],
          ['post', 'post'],
          ['get', 'get'],
        ])}
      </fieldset>
    `;
  }

  private renderEmbed(): TemplateResult {
    const title = textOf(this.draft.title) || 'The comparison';
    const id = textOf(this.draft.id) || 'comparison';
    const snippet = embedSnippet({
      scriptUrl: new URL('/ai-compare.js', document.baseURI).href,
      feedUrl: this.feedUrl || `https://your-site.example/feeds/${id}.json`,
      articleUrl: this.articleUrl || 'https://your-site.example/the-article',
      title,
    });
    return html`
      <fieldset>
        <legend>Embed</legend>
        <div class="field">
          <label for="feed-url">Where the feed will be published</label>
          <input
            id="feed-url"
            type="url"
            placeholder="https://your-site.example/feeds/${id}.json"
            .value=${live(this.feedUrl)}
            @input=${(e: Event) => (this.feedUrl = (e.target as HTMLInputElement).value.trim())}
          />
        </div>
        <div class="field">
          <label for="article-url">The article (the link readers without JavaScript get)</label>
          <input
            id="article-url"
            type="url"
            placeholder="https://your-site.example/the-article"
            .value=${live(this.articleUrl)}
            @input=${(e: Event) => (this.articleUrl = (e.target as HTMLInputElement).value.trim())}
          />
        </div>
        <div class="field">
          <label for="embed-snippet">Embed snippet</label>
          <textarea id="embed-snippet" rows="5" readonly spellcheck="false" .value=${snippet}></textarea>
        </div>
        <button type="button" @click=${() => void this.copySnippet()}>Copy the embed snippet</button>
      </fieldset>
    `;
  }
}

if (!customElements.get('ai-compare-editor')) customElements.define('ai-compare-editor', AiCompareEditor);

declare global {
  interface HTMLElementTagNameMap {
    'ai-compare-editor': AiCompareEditor;
  }
}
