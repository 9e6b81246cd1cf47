/**
 * The English words that say why a feed could not be shown. They come with the chunk that puts a
 * bad feed into words (`explain-feed.ts`), so a page whose feeds are fine never downloads them;
 * other languages carry them in their own chunks.
 */
import type { UiStrings } from './en.js';

export const enErrorWords = {
  errorNetwork: 'The feed could not be reached.',
  errorHttp: 'The feed server refused the request.',
  errorStatus: 'The feed server answered {status}.',
  errorTimeout: 'The feed took too long to arrive.',
  errorParse: 'The feed is not valid JSON.',
  errorInvalid: 'The feed does not follow the comparison format.',
  errorTooLarge: 'The feed is larger than {size} KiB.',
} satisfies Partial<UiStrings>;
