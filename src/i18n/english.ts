/** All the English words in one set, for the server and the tests: the bundle's and its chunks'. */
import { en, type UiStrings } from './en.js';
import { builtInStrings } from './languages.js';
import { enErrorWords } from './en-errors.js';
import { enVoteWords } from './en-votes.js';

export const english: UiStrings = { ...en, ...enErrorWords, ...enVoteWords };

/** Every word of a built-in language, English under any it lacks. */
export const allWords = async (locale: string): Promise<UiStrings> => ({ ...english, ...(await builtInStrings(locale)) });
