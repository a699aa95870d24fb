/** `npm run migrate`: apply pending migrations and exit (the server also migrates at start). */
import { migrateToLatest, openDatabase } from './db/connect.js';
import { ConfigError, loadConfig } from './env.js';

try {
  const config = loadConfig();
  const handle = await openDatabase(config);
  const applied = await migrateToLatest(handle);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
  await handle.close();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
