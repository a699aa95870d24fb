/**
 * `serve` and `migrate` run the server package's own entry points (the same files as
 * `npm start` and `npm run migrate`), so there is one way to boot and one way to migrate.
 * Both are configured by the environment, as documented in the README.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { parsePositiveInteger } from '../options.js';

/** A file next to @chatshare/server's entry, found through package resolution, not a relative path. */
function serverFile(name: string): string {
  const entry = fileURLToPath(import.meta.resolve('@chatshare/server'));
  return pathToFileURL(path.join(path.dirname(entry), name)).href;
}

export function registerServer(program: Command): void {
  program
    .command('serve')
    .description('start the server (the same as `npm start`; configured by environment variables)')
    .option('-p, --port <port>', 'port to listen on (sets PORT)', parsePositiveInteger(65_535))
    .option('--host <address>', 'address to listen on (sets HOST; 0.0.0.0 for outside connections)')
    .addHelpText(
      'after',
      '\nEverything else (PUBLIC_URL, DATA_DIR, DATABASE_URL, REDIS_URL, …) comes from the environment; see the README.',
    )
    .action(async (options: { port?: number; host?: string }) => {
      // The server reads its configuration from the environment, once, at start.
      if (options.port !== undefined) process.env.PORT = String(options.port);
      if (options.host !== undefined) process.env.HOST = options.host;
      await import(serverFile('main.ts'));
    });

  program
    .command('migrate')
    .description('apply pending database migrations and exit (the server also applies them at start)')
    .action(async () => {
      await import(serverFile('migrate-cli.ts'));
    });
}
