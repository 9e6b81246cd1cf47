/** `ai-compare serve`: the reference feed and vote server, configured by environment variables. */
import type { Command } from '../command.js';

export const command: Command = {
  usage: [
    'Usage: ai-compare serve',
    '',
    'Runs the reference vote server: the vote API, the widget bundle and (unless DEMO=off) the',
    'demo pages. Configured by environment variables, for example:',
    '',
    '  PORT=8080 FEEDS_DIR=./feeds DATABASE_URL=sqlite:./data/votes.db ai-compare serve',
    '',
    'PORT (8080), HOST (127.0.0.1), FEEDS_DIR (the bundled demo feeds), DATABASE_URL',
    '(sqlite:./data/votes.db), ALLOWED_ORIGINS, TRUST_PROXY, LOG_LEVEL, DEMO and the others are',
    'described in docs/deploy.md. SIGTERM or Ctrl+C stops it cleanly.',
  ].join('\n'),
  async run(args) {
    if (args.length > 0) {
      console.error(`ai-compare serve takes no arguments (got ${args.join(' ')}); it is configured by environment variables.`);
      return 1;
    }
    const { startServer } = await import('../../server/start.js');
    await startServer(process.env);
    // The server runs until a signal stops it (which ends the process).
    return new Promise<number>(() => undefined);
  },
};
