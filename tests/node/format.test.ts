/**
 * English without Intl: the widget writes English numbers, percents and days itself, so the first
 * render of an English page does not wait for the browser's locale data. What it writes must be
 * exactly what Intl writes, for every value the widget can show.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import './helpers/property-seed.js';
import { readFileSync } from 'node:fs';
import { parseFeed } from '../../contract/feed-schema.js';
import { formatDay, formatPercent } from '../../src/i18n/format.js';
import { english } from '../../src/i18n/english.js';
import { translator } from '../../src/i18n/translate.js';
import { buildView, type ReadyView } from '../../src/view/build-view.js';

const ENGLISH = ['en', 'en-US'];
const intlDay = (locale: string, day: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(day));
/** Every day the feed check accepts: 0000-01-01 to 9999-12-31. */
const feedDay = fc
  .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('English numbers and dates, written without Intl', () => {
  it('writes every feed day as Intl does', () => {
    for (const locale of ENGLISH) {
      fc.assert(fc.property(feedDay, (day) => formatDay(locale, day) === intlDay(locale, day)), { numRuns: 5000 });
      // The ends of the range, the years before 100 and leap days, each checked.
      for (const day of ['0000-01-01', '0000-02-29', '0001-01-01', '0099-12-31', '0100-03-01', '2024-02-29', '9999-12-31']) {
        assert.equal(formatDay(locale, day), intlDay(locale, day), `${locale} ${day}`);
      }
    }
  });

  it('writes every whole percent as Intl does', () => {
    for (const locale of ENGLISH) {
      for (let percent = 0; percent <= 100; percent += 1) {
        assert.equal(formatPercent(locale, percent), new Intl.NumberFormat(locale, { style: 'percent' }).format(percent / 100));
      }
    }
  });

  it('writes every count as Intl does, digits grouped', () => {
    for (const locale of ENGLISH) {
      const t = translator(english, locale, false);
      const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
      const written = (count: number) => t('totalVotes', { count });
      const expected = (count: number) => (count === 1 ? '1 vote' : `${intl.format(count)} votes`);
      fc.assert(
        fc.property(fc.oneof(fc.nat(2000), fc.nat(10_000_000), fc.maxSafeNat()), (count) => written(count) === expected(count)),
        { numRuns: 5000 },
      );
      for (const count of [0, 999, 1000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER]) assert.equal(written(count), expected(count));
    }
  });

  it('leaves other English locales, which write numbers and days differently, to Intl', () => {
    assert.equal(formatDay('en-GB', '2026-11-23'), '23 November 2026');
    const indian = translator(english, 'en-IN', false);
    assert.equal(indian('totalVotes', { count: 1234567 }), '12,34,567 votes');
    assert.equal(formatPercent('de', 62), '62\u00a0%');
  });

  it('renders an English comparison without building an Intl number or date formatter', (t) => {
    const parsed = parseFeed(JSON.parse(readFileSync('demo/feeds/cursor-vs-smolvlm2.json', 'utf8')), 'https://publisher.example/');
    assert.ok(parsed.ok);
    const refuse = () => {
      throw new Error('an Intl formatter was built');
    };
    t.mock.method(Intl, 'NumberFormat', refuse);
    t.mock.method(Intl, 'DateTimeFormat', refuse);
    const votes = { enabled: true, summary: { comparisonId: 'x', tallies: { 'cursor-1-0': 1200, 'smolvlm2-2b': 300 }, total: 1500, yourVote: null } };
    const view = buildView({ status: 'ready', feed: parsed.feed, votes, strings: english, locale: 'en-US' }) as ReadyView;
    assert.equal(view.kind, 'ready');
    assert.match(view.header.updatedText ?? '', /^Updated \w+ \d{1,2}, \d{4}$/);
    assert.equal(view.results?.totalText, '1,500 votes');
    assert.throws(() => buildView({ status: 'ready', feed: parsed.feed, votes, strings: english, locale: 'en-GB' }), /Intl formatter/);
  });
});

describe('loading the locale data while a widget waits', () => {
  it('loads it once, after the next frame, for the language of the widget about to wait; English needs none', async (t) => {
    const built: string[] = [];
    const { DateTimeFormat } = Intl;
    t.mock.method(Intl, 'DateTimeFormat', function (this: unknown, locale: string, options: Intl.DateTimeFormatOptions) {
      built.push(locale);
      return new DateTimeFormat(locale, options);
    });
    const frames: (() => void)[] = [];
    Object.assign(globalThis, { requestAnimationFrame: (callback: () => void) => frames.push(callback) });
    t.after(() => Reflect.deleteProperty(globalThis, 'requestAnimationFrame'));
    const { ahead, prepareFormatting } = await import(`../../src/i18n/format.js?page=${Date.now()}`);
    const settle = async () => {
      for (const frame of frames.splice(0)) frame();
      await new Promise((resolve) => setTimeout(resolve, 10));
    };

    prepareFormatting();
    ahead.locale = 'en-US';
    prepareFormatting();
    await settle();
    assert.deepEqual(built, [], 'nothing loaded for English');

    // A widget in British English on an American page: the widget's language counts.
    ahead.locale = 'en-GB';
    prepareFormatting();
    assert.deepEqual(built, [], 'nothing before the next frame');
    await settle();
    assert.deepEqual(built, ['en-GB']);
    prepareFormatting('fr');
    await settle();
    assert.deepEqual(built, ['en-GB'], 'once per page');
  });
});
