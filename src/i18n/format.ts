/** Locale-aware formatting: every number and date the widget shows goes through here. */

/**
 * English as the widget writes it by default (`en`, `en-US`), written without Intl: a page's
 * first Intl number or date formatter costs 12–25 ms of main thread at full CPU speed (the
 * browser loads its locale data on first use), which the first render of an English page would
 * otherwise wait for. Every other locale goes through Intl; a test holds the two to the same
 * output.
 */
export const plainEnglish = (locale: string) => /^en(-US)?$/.test(locale);

const MONTHS = 'January February March April May June July August September October November December'.split(' ');

/** Writes counts (whole numbers, 0 or more) in the reader's locale, digits grouped. */
export const countWriter = (locale: string): ((count: number) => string) =>
  plainEnglish(locale) ? (count) => `${count}`.replace(/\B(?=(\d{3})+$)/g, ',') : new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format;

/** A whole percent (0–100) in the reader's locale (percent style shows no fraction digits). */
export const formatPercent = (locale: string, percent: number): string =>
  plainEnglish(locale) ? percent + '%' : new Intl.NumberFormat(locale, { style: 'percent' }).format(percent / 100);

/**
 * A feed date (`YYYY-MM-DD`, a calendar day with no time zone) in the reader's locale. A
 * date-only ISO string is read as midnight UTC, years 0–99 included, and the feed check accepts
 * a day only when that reading gives it back exactly.
 */
export const formatDay = (locale: string, day: string): string => {
  const [year, month, date] = day.split('-');
  // Year 0 is 1 BC, which Intl writes as year 1 (with no era in this style).
  if (plainEnglish(locale)) return `${MONTHS[+month - 1]} ${+date}, ${+year || 1}`;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(day));
};

let formattingPrepared = false;

/**
 * The language the locale data is loaded for ahead of a render: that of the widget that last
 * worked out its own, which is the one about to wait (a widget works out its language just before
 * it picks its feed).
 */
export const ahead = { locale: 'en' };

/**
 * A page's first number or date formatting through Intl loads the browser's locale data: 15–25
 * ms of main thread at full CPU speed, four times that on a slow phone, whatever the language.
 * Called while a widget waits for the network (its feed, its language's words), so that the
 * render that follows pays nothing for it. Once per page, after the next frame: what waits to be
 * painted (a loading placeholder) goes first. English needs no locale data (above).
 */
export const prepareFormatting = (locale = ahead.locale): void => {
  if (formattingPrepared || plainEnglish(locale)) return;
  formattingPrepared = true;
  requestAnimationFrame(() =>
    setTimeout(() => {
      formatPercent(locale, 0);
      formatDay(locale, '2000-01-01');
    }),
  );
};

/** A usable locale: Intl rejects malformed tags, so fall back to English instead of throwing. */
export function safeLocale(tag: string | null | undefined): string {
  try {
    // No tag asks for none, which gives no locale: English.
    return Intl.getCanonicalLocales(tag || [])[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Scripts written right to left, by base language. */
const RTL_LANGUAGES = new Set(['ar', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** The writing direction of a locale's UI text. */
export const textDirection = (locale: string): 'ltr' | 'rtl' => (RTL_LANGUAGES.has(locale.toLowerCase().split('-')[0]) ? 'rtl' : 'ltr');
