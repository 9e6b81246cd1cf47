/** The reference server's entry point: `npm start`, `npm run serve`, `node dist/lib/server/main.js`. */
import { startServer } from './start.js';

startServer().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
