/** The server's own entry point, for running it from source: `node --import tsx src/main.ts`. */
import './production.js';
import { startServer } from './start.js';

startServer().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
