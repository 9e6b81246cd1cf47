/**
 * The English words for what follows a reader's vote. They come with the voting chunk
 * (`vote-controller.ts`), which is on the page before any of them can show; other languages carry
 * them in their own chunks.
 */
import type { UiStrings } from './en.js';

export const enVoteWords = {
  yourVote: 'You voted for {name}. Press again to withdraw.',
  voteSaved: 'Vote saved. {summary}',
  voteWithdrawn: 'Vote withdrawn. {summary}',
  voteFailed: 'Your vote could not be saved. Please try again.',
  voteBusy: 'Too many votes right now. Please try again in a moment.',
  voteNotHere: 'Voting on this comparison is not open on this site.',
  resultsSummary: '{first}, {second}; {total}.',
} satisfies Partial<UiStrings>;
