import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AiCompare } from '../../src/ai-compare.js';
import { until } from '../helpers/dom.js';

interface Axe {
  run(context: Document): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
}

/** The playground page as publishers open it, with the built widget, in a frame of its own. */
async function openPlayground(): Promise<{ frame: HTMLIFrameElement; doc: Document; preview: AiCompare }> {
  const frame = document.createElement('iframe');
  frame.style.width = '1280px';
  frame.style.height = '900px';
  frame.src = '/demo/theming.html';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const doc = frame.contentDocument!;
  const preview = doc.getElementById('preview') as AiCompare;
  await until(() => preview.state === 'ready', 'the preview widget');
  return { frame, doc, preview };
}

const css = (doc: Document) => doc.getElementById('css-output')!.textContent ?? '';
const shadowPart = (el: AiCompare, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`)!;

describe('theming playground', () => {
  let frame: HTMLIFrameElement | undefined;

  afterEach(() => {
    frame?.remove();
    frame = undefined;
  });

  it('passes axe', async function () {
    // The whole page and the widget inside it: slower than one element, notably in WebKit.
    this.timeout(40_000);
    const opened = await openPlayground();
    frame = opened.frame;
    const script = opened.doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    opened.doc.head.append(script);
    await loaded;
    const axe = (frame.contentWindow as unknown as { axe: Axe }).axe;
    const { violations } = await axe.run(opened.doc);
    expect(violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`)).to.deep.equal([]);
  });

  it('has a light and a dark colour picker for every colour token the widget documents', async () => {
    const opened = await openPlayground();
    frame = opened.frame;
    const manifest = (await (await fetch('/custom-elements.json')).json()) as {
      modules: { declarations?: { tagName?: string; cssProperties?: { name: string }[] }[] }[];
    };
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'ai-compare')!;
    const notColours = ['font-family', 'heading-font-family', 'radius', 'space'];
    const colourTokens = element.cssProperties!.map((p) => p.name.replace('--ai-compare-', '')).filter((name) => !notColours.includes(name));
    expect(colourTokens.length).to.be.greaterThan(10);
    const pickers = [...opened.doc.querySelectorAll<HTMLInputElement>('input[type="color"]')].map((input) => input.name);
    expect(pickers.sort()).to.deep.equal(colourTokens.flatMap((token) => [`${token}:dark`, `${token}:light`]).sort());
  });

  it('applies a ready-made theme from the keyboard, and shows its CSS', async () => {
    const { frame: opened, doc, preview } = await openPlayground();
    frame = opened;
    const neon = doc.querySelector<HTMLButtonElement>('[data-preset="neon"]')!;
    neon.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => neon.getAttribute('aria-pressed') === 'true', 'the neon theme chosen');
    expect(preview.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(shadowPart(preview, 'base')).backgroundColor).to.equal('rgb(11, 15, 26)');
    expect(css(doc)).to.contain('--ai-compare-accent: #39ff14;');
    expect(doc.getElementById('html-output')!.textContent).to.contain('theme="dark"');

    const radius = doc.querySelector<HTMLInputElement>('input[name="radius"]')!;
    radius.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => css(doc).includes('--ai-compare-radius: 15px;'), 'the radius in the CSS');
    expect(getComputedStyle(shadowPart(preview, 'base')).borderTopLeftRadius).to.equal('15px');
    expect(neon.getAttribute('aria-pressed')).to.equal('false');
  });

  it('gives the exact CSS: a fresh widget with the copied snippet looks the same', async () => {
    const { frame: opened, doc, preview } = await openPlayground();
    frame = opened;
    doc.querySelector<HTMLButtonElement>('[data-preset="newspaper"]')!.click();
    const snippet = css(doc);
    expect(snippet).to.match(/--ai-compare-accent: light-dark\(#8b1a1a, #f0a191\);/);

    const style = doc.createElement('style');
    style.textContent = snippet.replace('ai-compare {', 'ai-compare.copy {');
    doc.head.append(style);
    const copy = doc.createElement('ai-compare') as AiCompare;
    copy.className = 'copy';
    copy.setAttribute('src', preview.getAttribute('src')!);
    copy.setAttribute('loading', 'eager');
    for (const attribute of ['theme', 'density', 'lang']) {
      const value = preview.getAttribute(attribute);
      if (value) copy.setAttribute(attribute, value);
    }
    doc.getElementById('stage')!.append(copy);
    await until(() => copy.state === 'ready', 'the copy');
    for (const [name, property] of [
      ['base', 'backgroundColor'],
      ['card', 'backgroundColor'],
      ['card', 'borderTopLeftRadius'],
      ['title', 'fontFamily'],
      ['title', 'color'],
      ['cta', 'backgroundColor'],
    ] as const) {
      expect(getComputedStyle(shadowPart(copy, name))[property], `${name} ${property}`).to.equal(
        getComputedStyle(shadowPart(preview, name))[property],
      );
    }
    expect(getComputedStyle(shadowPart(copy, 'base')).backgroundColor).to.equal('rgb(251, 248, 241)');

    doc.getElementById('copy')!.click();
    await until(() => !!doc.getElementById('copy-status')!.textContent, 'a word on the copy');
  });

  it('switches language, density and scheme', async () => {
    const { frame: opened, doc, preview } = await openPlayground();
    frame = opened;
    const choose = (name: string, value: string) => {
      const select = doc.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
      select.value = value;
      select.dispatchEvent(new Event('input', { bubbles: true }));
    };
    choose('lang', 'ar');
    await until(() => shadowPart(preview, 'base')?.closest('[dir]')?.getAttribute('dir') === 'rtl', 'Arabic, right to left');
    choose('density', 'compact');
    expect(preview.getAttribute('density')).to.equal('compact');
    choose('theme', 'dark');
    await until(() => getComputedStyle(shadowPart(preview, 'base')).backgroundColor === 'rgb(15, 23, 42)', 'dark');
    expect(doc.getElementById('html-output')!.textContent).to.contain('theme="dark" density="compact" lang="ar"');
  });
});
