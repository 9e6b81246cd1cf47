/** The words a reader sees when a vote fails. */
import type { VoteErrorCode } from '../../contract/vote-api.js';

/**
 * What readers are told when a vote fails, for every code of the union: a new error code does
 * not compile until it is given its words here.
 */
export const VOTE_FAILURE_TEXT: Record<VoteErrorCode, 'voteBusy' | 'voteFailed' | 'voteNotHere' | 'votesUnavailable'> = {
  'rate-limited': 'voteBusy',
  unavailable: 'voteFailed',
  'bad-request': 'voteFailed',
  'bad-voter': 'voteFailed',
  // Trying again would not help: the comparison does not take votes from this page's site.
  'forbidden-origin': 'voteNotHere',
  'token-invalid': 'voteFailed',
  'token-required': 'voteFailed',
  'not-found': 'voteFailed',
  'method-not-allowed': 'voteFailed',
  'too-large': 'voteFailed',
  'unsupported-media-type': 'voteFailed',
  internal: 'voteFailed',
  network: 'voteFailed',
  timeout: 'voteFailed',
  http: 'voteFailed',
  'bad-response': 'voteFailed',
};
