import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../demo/editor/feed-editor.js';
import type { AiCompareEditor } from '../../demo/editor/feed-editor.js';
import type { AiCompare } from '../../src/ai-compare.js';
import { parseFeed } from '../../contract/feed-schema.js';
import { part, text, until } from '../helpers/dom.js';
import { LAUNCH_FEED_URL } from '../helpers/feeds.js';

const STORAGE_KEY = 'ai-compare-editor';

async function mount(): Promise<AiCompareEditor> {
  const el = await fixture<AiCompareEditor>(html`<ai-compare-editor></ai-compare-editor>`);
  await el.updateComplete;
  return el;
}

function control<T extends HTMLElement = HTMLInputElement>(el: AiCompareEditor, id: string): T {
  const found = el.querySelector<T>(`#${id}`);
  if (!found) throw new Error(`no control #${id}`);
  return found;
}

function button(el: AiCompareEditor, name: string | RegExp): HTMLButtonElement {
  const buttons = [...el.querySelectorAll('button')];
  const found = buttons.find((b) => (typeof name === 'string' ? text(b) === name : name.test(text(b))));
  if (!found) throw new Error(`no button named ${String(name)}; have: ${buttons.map((b) => text(b)).join(' | ')}`);
  return found;
}

/** Types into a field the way an input event reports it, and waits for the editor. */
async function fill(el: AiCompareEditor, id: string, value: string): Promise<void> {
  const field = control<HTMLInputElement | HTMLTextAreaElement>(el, id);
  field.focus();
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

function preview(el: AiCompareEditor): AiCompare {
  return el.querySelector('ai-compare')!;
}

async function previewTitle(el: AiCompareEditor): Promise<string> {
  await preview(el).updateComplete;
  return text(part(preview(el), 'title')[0]);
}

async function loadLaunch(el: AiCompareEditor): Promise<void> {
  button(el, 'Load the launch comparison').click();
  await until(() => control(el, 'field-title').value === 'Cursor 1.0 vs SmolVLM2-2B', 'the launch feed in the form');
  await el.updateComplete;
}

/** Clicks "Download JSON" and returns the file the browser was given, without saving it. */
async function download(el: AiCompareEditor): Promise<{ name: string; text: string }> {
  let file: Promise<{ name: string; text: string }> | undefined;
  const capture = (event: Event) => {
    const link = event.target as HTMLAnchorElement;
    if (!(link instanceof HTMLAnchorElement) || !link.download) return;
    event.preventDefault();
    file = fetch(link.href).then(async (response) => ({ name: link.download, text: await response.text() }));
  };
  el.addEventListener('click', capture, true);
  try {
    button(el, 'Download JSON').click();
  } finally {
    el.removeEventListener('click', capture, true);
  }
  if (!file) throw new Error('no download link was clicked');
  return file;
}

describe('<ai-compare-editor>', () => {
  before(async () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/demo/editor.css';
    const loaded = new Promise((resolve) => link.addEventListener('load', resolve));
    document.head.append(link);
    await loaded;
  });

  beforeEach(() => localStorage.removeItem(STORAGE_KEY));

  afterEach(() => {
    fixtureCleanup();
    localStorage.removeItem(STORAGE_KEY);
  });

  describe('accessibility', function () {
    // axe walks the whole form and the preview; WebKit's driver takes its time on a busy machine.
    this.timeout(30_000);

    it('is accessible with the launch feed loaded', async () => {
      const el = await mount();
      await loadLaunch(el);
      await expect(el).to.be.accessible();
    });

    it('is accessible while showing problems', async () => {
      const el = await mount();
      await fill(el, 'field-title', '');
      await fill(el, 'field-tools-1-url', 'javascript:alert(1)');
      await expect(el).to.be.accessible();
    });
  });

  describe('editing', () => {
    it('starts from a complete, valid example', async () => {
      const el = await mount();
      expect(text(el.querySelector('#summary-title'))).to.equal('This feed is valid');
      expect(await previewTitle(el)).to.equal('Tool A vs Tool B');
    });

    it('loads the launch feed, previews an edit live, and exports a valid feed', async () => {
      const el = await mount();
      await loadLaunch(el);
      expect(await previewTitle(el)).to.equal('Cursor 1.0 vs SmolVLM2-2B');
      expect(el.querySelectorAll('fieldset.reviewer')).to.have.length(4);

      await fill(el, 'field-title', 'Cursor 1.0 vs SmolVLM2-2B, retested');
      expect(await previewTitle(el)).to.equal('Cursor 1.0 vs SmolVLM2-2B, retested');
      await fill(el, 'field-tools-0-pricing-entry', '$20/month');
      await preview(el).updateComplete;
      expect(text(part(preview(el), 'price')[0])).to.contain('$20/month');

      const file = await download(el);
      expect(file.name).to.equal('cursor-1-0-vs-smolvlm2-2b.json');
      const exported = JSON.parse(file.text) as unknown;
      const parsed = parseFeed(exported, new URL(LAUNCH_FEED_URL, location.href).href);
      if (!parsed.ok) throw new Error(`the export is invalid: ${JSON.stringify(parsed.problems)}`);
      expect(parsed.feed.title).to.equal('Cursor 1.0 vs SmolVLM2-2B, retested');
      expect(parsed.feed.tools[0].pricing?.entry).to.equal('$20/month');
      expect(parsed.feed.reviewers).to.have.length(4);
      expect(parsed.feed.cta?.note).to.equal('New AI tools ship daily. We compare them before you waste an afternoon.');
    });

    it('shows problems next to their fields as you type, and clears them when fixed', async () => {
      const el = await mount();
      await fill(el, 'field-tools-1-url', 'javascript:alert(1)');
      const url = control(el, 'field-tools-1-url');
      expect(url.getAttribute('aria-invalid')).to.equal('true');
      const problem = control(el, 'field-tools-1-url-problem');
      expect(text(problem)).to.equal('Only http(s) links are allowed.');
      expect(url.getAttribute('aria-describedby')).to.contain('field-tools-1-url-problem');
      expect(text(el.querySelector('#summary-title'))).to.equal('This feed has 1 problem');
      const summaryLink = el.querySelector<HTMLAnchorElement>('.problem-summary a');
      expect(summaryLink?.getAttribute('href')).to.equal('#field-tools-1-url');
      await preview(el).updateComplete;
      expect(preview(el).state).to.equal('error');

      await fill(el, 'field-tools-1-url', 'https://example.com/tool-b');
      expect(url.getAttribute('aria-invalid')).to.equal('false');
      expect(el.querySelector('#field-tools-1-url-problem')).to.equal(null);
      await preview(el).updateComplete;
      expect(preview(el).state).to.equal('ready');
    });

    it('says when a required field is emptied', async () => {
      const el = await mount();
      await fill(el, 'field-tools-0-name', '');
      expect(text(control(el, 'field-tools-0-name-problem'))).to.equal('Is required.');
    });

    it('keeps the verdicts with their tool when a tool id is renamed', async () => {
      const el = await mount();
      await fill(el, 'field-tools-0-id', 'tool-x');
      expect(text(el.querySelector('#summary-title'))).to.equal('This feed is valid');
      expect(control<HTMLSelectElement>(el, 'field-reviewers-0-verdicts-tool-x-verdict').value).to.equal('ship');
      expect(control<HTMLSelectElement>(el, 'field-reviewers-0-pick').value).to.equal('tool-x');
    });

    it('keeps the draft across a reload', async () => {
      const first = await mount();
      await fill(first, 'field-title', 'A draft worth keeping');
      await fill(first, 'feed-url', 'https://blog.example/feeds/draft.json');
      fixtureCleanup();
      const second = await mount();
      expect(control(second, 'field-title').value).to.equal('A draft worth keeping');
      expect(control(second, 'feed-url').value).to.equal('https://blog.example/feeds/draft.json');
      expect(await previewTitle(second)).to.equal('A draft worth keeping');
    });

    it('loads pasted JSON, refuses text that is not JSON without losing the draft, and can undo', async () => {
      const el = await mount();
      await fill(el, 'field-title', 'My own draft');
      const paste = control<HTMLTextAreaElement>(el, 'paste-json');
      paste.value = '{ "schemaVersion": 1, oops';
      button(el, 'Use this JSON').click();
      await el.updateComplete;
      expect(text(el.querySelector('[role="status"].editor-status'))).to.match(/^The pasted text was not loaded\. This is not JSON/);
      expect(control(el, 'field-title').value).to.equal('My own draft');

      paste.value = await (await fetch(LAUNCH_FEED_URL)).text();
      button(el, 'Use this JSON').click();
      await el.updateComplete;
      expect(control(el, 'field-title').value).to.equal('Cursor 1.0 vs SmolVLM2-2B');
      button(el, 'Undo').click();
      await el.updateComplete;
      expect(control(el, 'field-title').value).to.equal('My own draft');
    });

    it('opens a feed file', async () => {
      const el = await mount();
      const input = control(el, 'open-file');
      const files = new DataTransfer();
      files.items.add(new File([await (await fetch(LAUNCH_FEED_URL)).text()], 'launch.json', { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await until(() => control(el, 'field-title').value === 'Cursor 1.0 vs SmolVLM2-2B', 'the opened file in the form');
      await el.updateComplete;
      expect(text(el.querySelector('.editor-status'))).to.match(/^launch\.json loaded\./);
      expect(await previewTitle(el)).to.equal('Cursor 1.0 vs SmolVLM2-2B');
    });

    it('copies the embed snippet, or selects it where the clipboard is closed', async () => {
      const el = await mount();
      button(el, 'Copy the embed snippet').click();
      await until(() => text(el.querySelector('.editor-status')) !== '', 'a word on the copy');
      const status = text(el.querySelector('.editor-status'));
      const snippet = control<HTMLTextAreaElement>(el, 'embed-snippet');
      if (status === 'Embed snippet copied.') return;
      expect(status).to.match(/^The snippet is selected/);
      expect(snippet.value.slice(snippet.selectionStart, snippet.selectionEnd)).to.equal(snippet.value);
    });

    it('writes the embed snippet: script tag, element and fallback link', async () => {
      const el = await mount();
      await fill(el, 'feed-url', 'https://blog.example/feeds/a-vs-b.json');
      await fill(el, 'article-url', 'https://blog.example/a-vs-b');
      await fill(el, 'field-title', 'A <b> vs "B"');
      const snippet = control<HTMLTextAreaElement>(el, 'embed-snippet').value;
      expect(snippet).to.equal(
        [
          `<script type="module" src="${new URL('/ai-compare.js', location.href).href}"></script>`,
          '<ai-compare src="https://blog.example/feeds/a-vs-b.json">',
          '  <a href="https://blog.example/a-vs-b">A &lt;b&gt; vs &quot;B&quot;</a>',
          '</ai-compare>',
        ].join('\n'),
      );
    });
  });

  describe('keyboard', () => {
    it('adds a reviewer, names it and removes it without a mouse', async () => {
      const el = await mount();
      const add = button(el, 'Add a reviewer');
      add.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const name = control(el, 'field-reviewers-2-name');
      expect(document.activeElement).to.equal(name);
      name.select();
      await sendKeys({ type: 'The Futurist' });
      await el.updateComplete;
      await preview(el).updateComplete;
      expect(text(part(preview(el), 'scorecard')[0])).to.contain('The Futurist');

      button(el, 'Remove Reviewer 3: The Futurist').focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.querySelectorAll('fieldset.reviewer')).to.have.length(2);
      expect(document.activeElement).to.equal(button(el, 'Add a reviewer'));
    });
  });

  describe('layout', () => {
    it('fits a 375 px phone screen, the preview below the form', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><ai-compare-editor></ai-compare-editor></div>`);
      wrapper.style.width = '375px';
      const el = wrapper.querySelector('ai-compare-editor')!;
      await loadLaunch(el);
      await preview(el).updateComplete;
      expect(el.scrollWidth).to.be.at.most(375);
      const form = el.querySelector('form')!.getBoundingClientRect();
      const previewBox = el.querySelector('.editor-preview')!.getBoundingClientRect();
      expect(previewBox.top).to.be.at.least(form.bottom);
    });

    it('puts the preview beside the form on a wide screen', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><ai-compare-editor></ai-compare-editor></div>`);
      wrapper.style.width = '1200px';
      const el = wrapper.querySelector('ai-compare-editor')!;
      const form = el.querySelector('form')!.getBoundingClientRect();
      const previewBox = el.querySelector('.editor-preview')!.getBoundingClientRect();
      expect(previewBox.left).to.be.at.least(form.right);
      await expect(el).to.be.accessible();
    });
  });
});
