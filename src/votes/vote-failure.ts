/** The words a reader sees when a vote fails. */
import type { VoteErrorCode } from '../../contract/vote-api.js';

/**
 * What readers are told when a vote fails, for every code of the union: a new error code does
 * not compile until it is given its words here.
 */
export const VOTE_FAILURE_TEXT: Record<VoteErrorCode, 'voteBusy' | 'voteFailed' | 'votesUnavailable'> = {
  'rate-limited': 'voteBusy',
  unavailable: 'voteFailed',
  'bad-request': 'voteFailed',
  'bad-voter': 'voteFailed',
  'forbidden-origin': 'voteFailed',
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
