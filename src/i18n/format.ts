/** Locale-aware formatting: every number and date the widget shows goes through here. */

/** A whole percent (0–100) in the reader's locale (percent style shows no fraction digits). */
export function formatPercent(locale: string, percent: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent' }).format(percent / 100);
}

/**
 * A feed date (`YYYY-MM-DD`, a calendar day with no time zone) in the reader's locale. A
 * date-only ISO string is read as midnight UTC, years 0–99 included, and the feed check accepts
 * a day only when that reading gives it back exactly.
 */
export function formatDay(locale: string, day: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(day));
}

let formattingPrepared = false;

/**
 * A page's first number or date formatting loads the browser's locale data: 15–25 ms of main
 * thread at full CPU speed, four times that on a slow phone, whatever the language. Called while
 * a widget waits for the network (its feed, its language's words), so that the render that
 * follows pays nothing for it. Once per page, after the next frame: what waits to be painted (a
 * loading placeholder) goes first.
 */
export function prepareFormatting(): void {
  if (formattingPrepared) return;
  formattingPrepared = true;
  requestAnimationFrame(() =>
    setTimeout(() => {
      (0).toLocaleString();
      formatDay('en', '2000-01-01');
    }),
  );
}

/** A usable locale: Intl rejects malformed tags, so fall back to English instead of throwing. */
export function safeLocale(tag: string | null | undefined): string {
  if (!tag) return 'en';
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Scripts written right to left, by base language. */
const RTL_LANGUAGES = new Set(['ar', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** The writing direction of a locale's UI text. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(locale.toLowerCase().split('-')[0]) ? 'rtl' : 'ltr';
}
