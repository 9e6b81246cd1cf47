/**
 * A complete, valid feed to start a new comparison from: every field filled in once, with
 * placeholder tools and links a publisher replaces. `ai-compare new` writes it; the feed editor
 * starts from it.
 */
import type { FeedInput } from './feed-schema.js';

/** The example feed; `schemaUrl` (where editors find the JSON Schema) becomes its `$schema`. */
export function exampleFeed(schemaUrl?: string): FeedInput {
  return {
    ...(schemaUrl ? { $schema: schemaUrl } : {}),
    schemaVersion: 1,
    id: 'tool-a-vs-tool-b',
    kicker: 'AI tool comparison',
    title: 'Tool A vs Tool B',
    summary: 'Which one should you ship with? The panel verdict, the pricing and the community vote, side by side.',
    updated: new Date().toISOString().slice(0, 10),
    source: { name: 'Your publication', url: 'https://example.com/' },
    tools: [
      {
        id: 'tool-a',
        name: 'Tool A',
        category: 'Developer Tools',
        tagline: 'One line on what Tool A does',
        description: 'A few sentences on Tool A: what it is, who it is for and what is new.',
        url: 'https://example.com/tool-a',
        pricing: { entry: 'Free', details: 'Paid plans from $20 a month', url: 'https://example.com/tool-a/pricing' },
      },
      {
        id: 'tool-b',
        name: 'Tool B',
        category: 'Developer Tools',
        tagline: 'One line on what Tool B does',
        description: 'A few sentences on Tool B: what it is, who it is for and what is new.',
        url: 'https://example.com/tool-b',
        pricing: { entry: '$10/month' },
      },
    ],
    reviewers: [
      {
        id: 'builder',
        name: 'The Builder',
        focus: 'Developer experience: the first ten minutes',
        verdicts: {
          'tool-a': { verdict: 'ship', quote: 'Why Tool A earns a ship, in the reviewer’s words.' },
          'tool-b': { verdict: 'skip', quote: 'Why Tool B does not, yet.' },
        },
        pick: 'tool-a',
      },
      {
        id: 'skeptic',
        name: 'The Skeptic',
        focus: 'Competitors and where it breaks',
        verdicts: {
          'tool-a': { verdict: 'ship' },
          'tool-b': { verdict: 'ship', quote: 'Tool B holds up where Tool A breaks.' },
        },
        pick: 'tool-b',
      },
    ],
    votes: { endpoint: '/api/comparisons/tool-a-vs-tool-b/votes' },
    cta: {
      title: 'Your newsletter',
      text: 'Get the next comparison in your inbox',
      note: 'One e-mail a week. Unsubscribe any time.',
      url: 'https://example.com/subscribe',
    },
  };
}
