import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { AiCompare } from '../../src/ai-compare.js';
import type { FeedInput } from '../../contract/feed-schema.js';
import ar from '../../src/i18n/ar.js';
import de from '../../src/i18n/de.js';
import { en, type UiStrings } from '../../src/i18n/en.js';
import { english } from '../../src/i18n/english.js';
import es from '../../src/i18n/es.js';
import fr from '../../src/i18n/fr.js';
import { resetVoterIdCache } from '../../src/votes/voter-id.js';
import { buttonNamed, inFrame, part, scriptsOf, shadow, text, until } from '../helpers/dom.js';
import { launchFeed } from '../helpers/feeds.js';

/** A feed with no English in it, so every English word on screen would be the widget's own. */
const FEED = {
  schemaVersion: 1,
  id: 'zeta-kappa',
  title: 'Zeta · Kappa',
  updated: '2026-11-23',
  source: { name: 'Ortega', url: 'https://example.com/' },
  tools: [
    { id: 'zeta', name: 'Zeta', pricing: { entry: '0', url: 'https://example.com/zeta' } },
    { id: 'kappa', name: 'Kappa' },
  ],
  reviewers: [
    {
      id: 'ortega',
      name: 'Ortega',
      pick: 'zeta',
      verdicts: {
        zeta: { verdict: 'ship', quote: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(6) },
        kappa: { verdict: 'skip' },
      },
    },
    { id: 'nakamura', name: 'Nakamura', verdicts: { zeta: { verdict: 'ship' } } },
    { id: 'okafor', name: 'Okafor', verdicts: { zeta: { verdict: 'skip' } } },
  ],
  community: { zeta: 1240, kappa: 760 },
  cta: { title: 'Zeta', url: 'https://example.com/cta' },
} as unknown as FeedInput;

const CATALOGUES: Record<string, UiStrings> = { de, fr, es, ar };

/** Words that are the same in English and the language. */
const SHARED_WORDS: Record<string, string[]> = { es: ['no'] };

/** Every word of the English catalogue (the bundle's and its chunks'), placeholders left out. */
const englishWords = new Set(
  Object.values(english)
    .flatMap((message: UiStrings[keyof UiStrings]) => (typeof message === 'string' ? [message] : Object.values(message)))
    .flatMap((message) => message.replace(/\{\w+\}/g, ' ').toLowerCase().match(/\p{L}+/gu) ?? [])
    .filter((word) => word.length > 1 && !['json', 'kib'].includes(word)),
);

/** What a reader sees and hears: the text, plus accessible names given as attributes. */
function readerText(el: AiCompare): string {
  const root = shadow(el);
  const labels = [...root.querySelectorAll('[aria-label], [title], [alt]')].map(
    (node) => `${node.getAttribute('aria-label') ?? ''} ${node.getAttribute('title') ?? ''} ${node.getAttribute('alt') ?? ''}`,
  );
  return `${text(root)} ${labels.join(' ')}`;
}

function englishLeft(el: AiCompare, lang: string): string[] {
  const words = readerText(el).toLowerCase().match(/\p{L}+/gu) ?? [];
  return [...new Set(words.filter((word) => englishWords.has(word) && !SHARED_WORDS[lang]?.includes(word)))];
}

/** Without the bidi isolates put around values in right-to-left text, spaces collapsed as text() does. */
const plain = (value: string) => value.replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim();

async function renderIn(lang: string, extra: Partial<AiCompare> = {}, feed = FEED): Promise<AiCompare> {
  const el = await fixture<AiCompare>(html`<ai-compare lang=${lang} .feed=${feed}></ai-compare>`);
  Object.assign(el, extra);
  await el.updateComplete;
  return el;
}

const rect = (node: Element | Range) => node.getBoundingClientRect();

describe('<ai-compare> languages', () => {
  afterEach(() => {
    fixtureCleanup();
    document.documentElement.lang = 'en';
  });

  for (const [lang, t] of Object.entries(CATALOGUES)) {
    describe(lang, () => {
      it('shows every label in the language, with no English word left', async () => {
        const ready = await renderIn(lang);
        // Voting on, with results still on their way.
        const voting = await renderIn(lang, { voteEndpoint: '/test-feed/slow' });
        // The call to action as a sign-up form.
        const signUp = await renderIn(lang, {}, {
          ...FEED,
          cta: { title: 'Zeta', url: 'https://example.com/cta', subscribe: { action: 'https://example.com/subscribe' } },
        } as FeedInput);
        expect(text(shadow(signUp).querySelector('label[for="subscribe-email"]'))).to.equal(plain(t.subscribeEmail));
        const broken = await fixture<AiCompare>(html`<ai-compare lang=${lang} src="/test-feed/status/404" loading="eager"></ai-compare>`);
        await until(() => broken.state === 'error', 'the error');
        const loading = await fixture<AiCompare>(html`<ai-compare lang=${lang} src="/test-feed/slow" loading="eager"></ai-compare>`);
        await loading.updateComplete;

        expect(plain(text(part(ready, 'panel-score')[0].querySelector('dt')))).to.equal(t.panelShip);
        expect(plain(text(part(ready, 'results')[0].querySelector('h3')))).to.equal(t.communityVote);
        expect(plain(text(shadow(ready).querySelector('#scorecard-title')))).to.equal(t.scorecard);
        expect(part(ready, 'verdict').map((chip) => plain(text(chip)))).to.include.members([t.ship, t.skip, t.noVerdict]);
        expect(plain(text(part(voting, 'vote-button')[0]))).to.equal((t.voteFor as string).replace('{name}', 'Zeta'));
        expect(plain(text(part(broken, 'error')[0]))).to.contain(t.errorTitle);
        expect(plain(text(part(loading, 'skeleton')[0]))).to.contain(t.loading);

        for (const el of [ready, voting, signUp, broken, loading]) expect(englishLeft(el, lang), `English in ${el.state}`).to.deep.equal([]);
      });

      it('formats dates, percentages and counts for the language, with its plural forms', async () => {
        const el = await renderIn(lang);
        const header = plain(text(part(el, 'header')[0]));
        const day = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 23));
        expect(header).to.contain(plain(day));
        const percent = new Intl.NumberFormat(lang, { style: 'percent' });
        const results = plain(text(part(el, 'results')[0]));
        expect(results).to.contain(plain(percent.format(0.62)));
        expect(results).to.contain(plain(percent.format(0.38)));
        const total = new Intl.NumberFormat(lang).format(2000);
        const rule = new Intl.PluralRules(lang).select(2000);
        const plural = t.totalVotes;
        const expected = typeof plural === 'string' ? plural : (plural[rule] ?? plural.other);
        expect(results).to.contain(plain(expected.replace('{count}', total)));
      });
    });
  }

  it("writes English days, percents and counts exactly as this browser's Intl does", async () => {
    const big = { ...FEED, community: { zeta: 1_234_567, kappa: 765_433 } } as unknown as FeedInput;
    for (const lang of ['en', 'en-US', 'en-GB', 'en-IN']) {
      const el = await renderIn(lang, {}, big);
      const header = plain(text(part(el, 'header')[0]));
      expect(header).to.contain(new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 23)));
      const results = plain(text(part(el, 'results')[0]));
      const percent = new Intl.NumberFormat(lang, { style: 'percent' });
      expect(results, lang).to.contain(`Zeta ${percent.format(0.62)}`).and.to.contain(`Kappa ${percent.format(0.38)}`);
      expect(results, lang).to.contain(`${new Intl.NumberFormat(lang).format(2_000_000)} votes`);
    }
  });

  it('writes numbers as each language does', async () => {
    // Read raw, without collapsing the no-break spaces that the languages' typography puts in.
    const raw = (el: AiCompare, name: string) => (part(el, name)[0].textContent ?? '').replace(/[\u2068\u2069]/g, '');
    const german = raw(await renderIn('de'), 'results');
    expect(german).to.contain('62\u00a0%').and.to.contain('2.000 Stimmen');
    const french = raw(await renderIn('fr'), 'results');
    expect(french).to.match(/Zeta\u00a0: 62[\u00a0\u202f]%/).and.to.match(/2[\u00a0\u202f]000 voix/);
    const german2 = plain(text(part(await renderIn('de'), 'header')[0]));
    expect(german2).to.contain('Aktualisiert am 23. November 2026');
  });

  describe('which language', () => {
    it("follows the nearest ancestor's lang, then the document's", async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="fr"><ai-compare .feed=${FEED}></ai-compare></div>`);
      const el = wrapper.querySelector('ai-compare')!;
      await el.updateComplete;
      expect(text(part(el, 'panel-score')[0].querySelector('dt'))).to.equal(fr.panelShip);
      wrapper.removeAttribute('lang');
      document.documentElement.lang = 'es';
      await until(() => text(part(el, 'panel-score')[0].querySelector('dt')) === es.panelShip, 'Spanish from the document');
    });

    it('re-renders when a lang up the tree changes', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<section lang="en"><div><ai-compare .feed=${FEED}></ai-compare></div></section>`,
      );
      const el = wrapper.querySelector('ai-compare')!;
      await el.updateComplete;
      expect(text(part(el, 'panel-score')[0].querySelector('dt'))).to.equal(en.panelShip);
      wrapper.setAttribute('lang', 'de');
      await until(() => text(part(el, 'panel-score')[0].querySelector('dt')) === de.panelShip, 'German after the change');
    });

    it('a region tag falls back to its language, then to English', async () => {
      const austrian = await renderIn('de-AT');
      expect(text(part(austrian, 'panel-score')[0].querySelector('dt'))).to.equal(de.panelShip);
      expect(text(part(austrian, 'header')[0])).to.contain('23. November 2026');
      const brazilian = await renderIn('pt-BR');
      expect(text(part(brazilian, 'panel-score')[0].querySelector('dt'))).to.equal(en.panelShip);
      // English words are dated in English too, not half in Portuguese.
      expect(text(part(brazilian, 'header')[0])).to.contain('Updated November 23, 2026');
    });
  });

  describe('strings', () => {
    it('renames labels over the built-in language and leaves the rest', async () => {
      const english = await renderIn('en', { strings: { panelShip: 'Critics', voteFor: 'Back {name}' } });
      expect(text(part(english, 'panel-score')[0].querySelector('dt'))).to.equal('Critics');
      expect(text(part(english, 'community-score')[0].querySelector('dt'))).to.equal(en.community);
      const german = await renderIn('de', { strings: { panelShip: 'Kritiker' } });
      expect(text(part(german, 'panel-score')[0].querySelector('dt'))).to.equal('Kritiker');
      expect(text(part(german, 'community-score')[0].querySelector('dt'))).to.equal(de.community);
    });

    it('takes plural forms and re-renders when changed', async () => {
      const el = await renderIn('en', { strings: { totalVotes: { one: 'one ballot', other: '{count} ballots' } } });
      expect(text(part(el, 'results')[0])).to.contain('2,000 ballots');
      el.strings = { totalVotes: '{count} in all' };
      await el.updateComplete;
      expect(text(part(el, 'results')[0])).to.contain('2,000 in all');
      el.strings = undefined;
      await el.updateComplete;
      expect(text(part(el, 'results')[0])).to.contain('2,000 votes');
    });

    it('keeps the built-in words where the given ones are not messages', async () => {
      const strings = { panelShip: 42, community: null, totalVotes: { one: 'one ballot' }, voteFor: 'Back {name}' };
      const el = await renderIn('de', { strings: strings as unknown as Partial<UiStrings> });
      expect(text(part(el, 'panel-score')[0].querySelector('dt'))).to.equal(de.panelShip);
      expect(text(part(el, 'community-score')[0].querySelector('dt'))).to.equal(de.community);
      expect(text(part(el, 'results')[0])).to.contain('2.000 Stimmen');
    });

    it('adds a language the widget does not ship, formatted for it', async () => {
      const el = await renderIn('pt-BR', {
        strings: { panelShip: 'Aprovação do painel', updated: 'Atualizado em {date}', totalVotes: { one: '{count} voto', other: '{count} votos' } },
      });
      expect(text(part(el, 'panel-score')[0].querySelector('dt'))).to.equal('Aprovação do painel');
      expect(text(part(el, 'header')[0])).to.contain('Atualizado em 23 de novembro de 2026');
      expect(text(part(el, 'results')[0])).to.contain('2.000 votos');
    });
  });

  describe('right to left', () => {
    async function wide(template: ReturnType<typeof html>): Promise<AiCompare> {
      const stage = await fixture<HTMLDivElement>(html`<div style="width: 900px">${template}</div>`);
      const el = stage.querySelector('ai-compare')!;
      await el.updateComplete;
      return el;
    }

    function expectMirrored(el: AiCompare): void {
      const [first, second] = part(el, 'card');
      expect(rect(first).left, 'first card on the right').to.be.greaterThan(rect(second).right - 1);
      const bar = part(el, 'community-score')[0].querySelector<HTMLElement>('.bar > span')!;
      const track = bar.parentElement!;
      expect(Math.abs(rect(bar).right - rect(track).right), 'bar grows from the right').to.be.below(1);
      expect(rect(bar).left - rect(track).left).to.be.greaterThan(10);
      const [zeta, kappa] = [...shadow(el).querySelectorAll('.split-bar')];
      expect(rect(zeta).left, 'first share on the right of the split').to.be.greaterThan(rect(kappa).left);
      const arrow = shadow(el).querySelector('.arrow')!;
      expect(getComputedStyle(arrow).transform).to.match(/^matrix\(-1,/);
      const title = part(el, 'title')[0];
      const words = document.createRange();
      words.selectNodeContents(title);
      expect(Math.abs(rect(words).right - rect(title).right), 'title set from the right').to.be.below(2);
      expect(rect(words).left - rect(title).left).to.be.greaterThan(20);
    }

    it('lays out left to right by default', async () => {
      const el = await wide(html`<ai-compare .feed=${FEED}></ai-compare>`);
      const [first, second] = part(el, 'card');
      expect(rect(first).right).to.be.lessThan(rect(second).left + 1);
      const bar = part(el, 'community-score')[0].querySelector<HTMLElement>('.bar > span')!;
      expect(Math.abs(rect(bar).left - rect(bar.parentElement!).left)).to.be.below(1);
    });

    it('mirrors the layout in Arabic', async () => {
      const el = await wide(html`<ai-compare lang="ar" .feed=${FEED}></ai-compare>`);
      expectMirrored(el);
    });

    it('mirrors the layout under dir="rtl" on an ancestor', async () => {
      const el = await wide(html`<div dir="rtl"><ai-compare .feed=${FEED}></ai-compare></div>`);
      expect(text(part(el, 'panel-score')[0].querySelector('dt'))).to.equal(en.panelShip);
      expectMirrored(el);
    });

    it('mirrors under dir="rtl" on the element, and back when it goes', async () => {
      const el = await wide(html`<ai-compare dir="rtl" .feed=${FEED}></ai-compare>`);
      expectMirrored(el);
      el.removeAttribute('dir');
      await until(() => rect(part(el, 'card')[0]).left < rect(part(el, 'card')[1]).left, 'left to right again');
    });

    it('follows an ancestor whose dir changes', async () => {
      const el = await wide(html`<div dir="ltr"><ai-compare .feed=${FEED}></ai-compare></div>`);
      const [first, second] = part(el, 'card');
      expect(rect(first).left).to.be.lessThan(rect(second).left);
      el.parentElement!.setAttribute('dir', 'rtl');
      await until(() => rect(part(el, 'card')[0]).left > rect(part(el, 'card')[1]).left, 'right to left after the change');
    });

    it('keeps Latin names and numbers readable inside Arabic sentences', async () => {
      const el = await renderIn('ar', { voteEndpoint: '/test-feed/status/503' });
      const button = text(part(el, 'vote-button')[0]);
      expect(button).to.contain('\u2068Zeta\u2069');
      const ready = await renderIn('ar');
      const detail = text(part(ready, 'community-score')[0].querySelector('.figure-detail'));
      expect(detail).to.contain(`\u2068${new Intl.NumberFormat('ar').format(1240)}\u2069`);
    });

    it('is accessible in Arabic', async () => {
      const el = await renderIn('ar');
      await expect(el).to.be.accessible();
    });
  });

  describe('announcements', () => {
    afterEach(async () => {
      await executeServerCommand('stop-vote-servers');
    });

    it('says in the language that the vote was saved, with the new results', async () => {
      // A fresh reader: no voter ids, no remembered votes.
      localStorage.clear();
      resetVoterIdCache();
      const server = await executeServerCommand<string, { env: Record<string, string> }>('start-vote-server', { env: {} });
      const endpoint = `${server}/api/comparisons/cursor-1-0-vs-smolvlm2-2b/votes`;
      const el = await fixture<AiCompare>(html`<ai-compare lang="de" .feed=${await launchFeed()} vote-endpoint=${endpoint}></ai-compare>`);
      await until(() => part(el, 'results')[0]?.getAttribute('aria-busy') === 'false', 'results from the server', 10_000);
      const voted = oneEvent(el, 'ai-compare-voted');
      buttonNamed(el, 'Für Cursor 1.0 stimmen').click();
      await voted;
      await el.updateComplete;
      const percent = new Intl.NumberFormat('de', { style: 'percent' });
      expect(text(shadow(el).querySelector('[aria-live="polite"]'))).to.equal(
        plain(`Stimme gespeichert. Cursor 1.0 ${percent.format(1)}, SmolVLM2-2B ${percent.format(0)}; 1 Stimme.`),
      );
      expect(text(part(el, 'results')[0])).to.contain('Sie haben für Cursor 1.0 gestimmt.');
    });
  });

  describe('the built bundle', () => {
    it('an English page loads no other language; another language loads from beside the bundle', async () => {
      await inFrame('/dist', `<ai-compare><script type="application/json">${JSON.stringify(FEED)}</script></ai-compare>`, async (frame) => {
        const widget = () => frame.contentDocument!.querySelector('ai-compare') as AiCompare;
        await until(() => widget()?.state === 'ready', 'the bundled widget');
        const scripts = () => scriptsOf(frame).map((url) => url.pathname);
        expect(scripts()).to.deep.equal(['/dist/ai-compare.js']);
        frame.contentDocument!.documentElement.lang = 'de';
        await until(() => text(widget().shadowRoot!.querySelector('[part~="panel-score"] dt')) === de.panelShip, 'German');
        expect(scripts()).to.have.length(2);
        expect(scripts()[1]).to.match(/^\/dist\/ai-compare-de-[\w-]+\.js$/);
      });
    });
  });
});
