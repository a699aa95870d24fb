/**
 * The server's own entry point, for running it from source (`npm start -w @chatshare/server`:
 * `node --conditions=@chatshare/source --import tsx src/main.ts`). `npm start` at the root
 * runs the built command instead.
 */
import './production.js';
import { startServer } from './start.js';

startServer().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
