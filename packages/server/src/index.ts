export { buildApp, type BuildOptions } from './app.js';
export { loadConfig, ConfigError, type Config } from './env.js';
export { migrateToLatest, openDatabase } from './db/connect.js';
