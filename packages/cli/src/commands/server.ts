/**
 * `serve` and `migrate` run the server package's own entry points (the same code as `npm start`
 * and `npm run migrate`), so there is one way to boot and one way to migrate. Both are
 * configured by the environment, as documented in the README. The server is loaded only when
 * one of them runs, so `list` or `--help` never pay for it.
 */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { parsePositiveInteger } from '../options.js';

export function registerServer(program: Command, context: Context): void {
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
      // React picks its build when first imported, which the next line does.
      process.env.NODE_ENV ??= 'production';
      const { startServer } = await import('@chatshare/server/start');
      await startServer();
    });

  program
    .command('migrate')
    .description('apply pending database migrations and exit (the server also applies them at start)')
    .action(async () => {
      const { runMigrations } = await import('@chatshare/server/migrate');
      if ((await runMigrations()) !== 0) context.exitCode = EXIT.failure;
    });
}
