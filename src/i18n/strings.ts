/**
 * Every word the widget shows or announces, per UI language. Feed text is the publisher's and is
 * shown as written; these are the widget's own words. A new language is one more object here.
 */
export const en = {
  loading: 'Loading comparison…',
  errorTitle: 'This comparison could not be loaded.',
  errorCodes: {
    network: 'The feed could not be reached.',
    http: 'The feed server refused the request.',
    timeout: 'The feed took too long to arrive.',
    parse: 'The feed is not valid JSON.',
    invalid: 'The feed does not follow the comparison format.',
    'too-large': 'The feed is larger than 512 KiB.',
  },
  httpStatus: (status: number) => `The feed server answered ${status}.`,
  versus: 'vs',
  updated: (date: string) => `Updated ${date}`,
  source: 'Comparison by',
  visit: (name: string) => `Visit ${name}`,
  panelShip: 'Panel ship',
  panelShipDetail: (ship: string, reviewed: string) => `${ship} of ${reviewed} reviewers say ship`,
  noVerdicts: 'No reviewer verdicts yet',
  community: 'Community',
  communityDetail: (votes: string, total: string) => `${votes} of ${total} votes`,
  noVotes: 'No votes yet',
  votesLoading: 'Loading votes…',
  votesUnavailable: 'Votes are unavailable right now',
  entryPrice: 'Entry',
  pricingDetails: 'Pricing details',
  scorecard: 'Reviewer scorecard',
  scorecardCaption: (tools: string) => `How each reviewer rated ${tools}`,
  reviewer: 'Reviewer',
  ship: 'Ship',
  skip: 'Skip',
  noVerdict: 'No verdict',
  picks: 'Pick',
  more: 'Read more',
  less: 'Show less',
  quoteBy: (reviewer: string, tool: string) => `: ${reviewer} on ${tool}`,
  communityVote: 'Community vote',
  votePrompt: 'Which one would you ship with?',
  voteFor: (name: string) => `Vote for ${name}`,
  totalVotes: (total: string, count: number) => `${total} ${count === 1 ? 'vote' : 'votes'}`,
  yourVote: (name: string) => `You voted for ${name}. Press again to withdraw.`,
  voteSaved: (summary: string) => `Vote saved. ${summary}`,
  voteWithdrawn: (summary: string) => `Vote withdrawn. ${summary}`,
  voteFailed: 'Your vote could not be saved. Please try again.',
  voteBusy: 'Too many votes right now. Please try again in a moment.',
  resultsSummary: (parts: string[], total: string) => `${parts.join(', ')}; ${total}.`,
  toolPercent: (name: string, percent: string) => `${name} ${percent}`,
  dash: '—',
  subscribeEmail: 'Email address',
  subscribeButton: 'Subscribe',
  subscribeDone: 'Check your inbox to confirm your subscription.',
};

export type UiStrings = typeof en;

const catalog: Record<string, UiStrings> = { en };

/** The best strings for a BCP 47 tag: exact, then the base language, then English. */
export function stringsFor(locale: string): UiStrings {
  const tag = locale.toLowerCase();
  return catalog[tag] ?? catalog[tag.split('-')[0]] ?? en;
}
