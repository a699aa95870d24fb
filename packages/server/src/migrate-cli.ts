/** `npm run migrate` from source: apply pending migrations and exit (the server also migrates at start). */
import { runMigrations } from './migrate.js';

process.exitCode = await runMigrations();
