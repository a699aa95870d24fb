/**
 * `backup FILE` and `restore FILE` copy the instance's SQLite database, configured by the
 * environment like `serve` (DATA_DIR). They run the server package's own code, loaded only
 * when they run. A backup can be taken while the server runs; a restore needs it stopped. On
 * a terminal a progress line is redrawn in place while the copy runs.
 */
import type { Command } from 'commander';
import { scopeOf, type Context } from '../context.js';
import { CliError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { count } from '../output.js';
import type * as BackupModule from '@chatshare/server/backup';

type CopyProgress = { totalPages: number; copiedPages: number; pageSize: number };

const EXIT_CODES: Record<string, ExitCode> = {
  postgres: EXIT.failure,
  file_exists: EXIT.conflict,
  database_not_empty: EXIT.conflict,
  same_file: EXIT.usage,
  not_found: EXIT.notFound,
  no_database: EXIT.notFound,
  not_a_database: EXIT.invalidBackup,
  integrity_check_failed: EXIT.invalidBackup,
  database_in_use: EXIT.unavailable,
};

const HINTS: Record<string, string> = {
  file_exists: ': pass --force to replace it',
};

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** One line redrawn in place on a terminal (at most ten times a second); nothing elsewhere. */
function copyProgress(io: Io, verb: string, clock: () => number = () => performance.now()) {
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update({ totalPages, copiedPages, pageSize }: CopyProgress) {
      if (io.stderr.isTTY !== true || totalPages === 0) return;
      const now = clock();
      if (now - lastDraw < 100 && copiedPages < totalPages) return;
      lastDraw = now;
      drawn = true;
      const share = Math.min(1, copiedPages / totalPages);
      const filled = Math.round(share * 20);
      const bar = `[${'█'.repeat(filled)}${'░'.repeat(20 - filled)}] ${Math.floor(share * 100)}%`;
      const line = `${verb} ${bar}  ${megabytes(copiedPages * pageSize)} of ${megabytes(totalPages * pageSize)}`;
      io.stderr.write(`\r\x1b[K${line.slice(0, Math.max(20, (io.stderr.columns || 80) - 1))}`);
    },
    finish() {
      if (drawn) io.stderr.write('\r\x1b[K');
    },
  };
}

type Run = (
  file: string,
  options: { force: boolean; onProgress: (progress: CopyProgress) => void },
  env: Record<string, string | undefined>,
) => Promise<{ file: string; bytes: number; pages: number }>;

async function copyWith(context: Context, command: Command, verb: string, run: Run, file: string, force: boolean) {
  const { output } = scopeOf(context, command);
  const { BackupError, ConfigError } = await import('@chatshare/server/backup');
  const progress = copyProgress(context.io, verb);
  try {
    const result = await run(file, { force, onProgress: (state) => progress.update(state) }, context.io.env);
    progress.finish();
    return { output, result };
  } catch (error) {
    progress.finish();
    if (error instanceof BackupError) {
      throw new CliError(`${error.message}${HINTS[error.code] ?? ''}`, error.code, EXIT_CODES[error.code]);
    }
    if (error instanceof ConfigError) throw new CliError(error.message, 'invalid_configuration', EXIT.failure);
    throw error;
  }
}

/** The action of `backup` and `restore`: run the copy with progress, then say what was copied where. */
const copyAction =
  (context: Context, verb: string, pick: (server: typeof BackupModule) => Run, done: string, preposition: string) =>
  async (file: string, options: { force?: boolean }, command: Command) => {
    const run = pick(await import('@chatshare/server/backup'));
    const { output, result } = await copyWith(context, command, verb, run, file, options.force === true);
    const size = `${megabytes(result.bytes)} (${count(result.pages)} pages)`;
    output.result(result, [`${done} ${size} ${preposition} ${result.file}`]);
  };

export function registerBackup(program: Command, context: Context): void {
  program
    .command('backup')
    .argument('<file>', 'where to write the backup (a single SQLite file)')
    .description('take a consistent copy of the SQLite database, also while the server runs')
    .option('--force', 'replace FILE if it exists')
    .addHelpText(
      'after',
      `
The database is the server's: DATA_DIR as for \`serve\`. The copy is SQLite's online backup,
checked with PRAGMA integrity_check before it is put in place. On PostgreSQL use pg_dump.

Examples:
  chatshare backup /backups/chatshare-$(date +%F).sqlite
  chatshare backup latest.sqlite --force`,
    )
    .action(copyAction(context, 'backing up', (server) => server.backupDatabase, 'backed up', 'to'));

  program
    .command('restore')
    .argument('<file>', 'a backup made by `chatshare backup`')
    .description('make a backup the database of this instance (stop the server first)')
    .option('--force', 'replace a database that holds accounts, conversations or links')
    .addHelpText(
      'after',
      `
The backup is checked first (PRAGMA integrity_check, a chatshare database), then copied to
DATA_DIR/chatshare.sqlite. Refused while a server has the database open (exit 6) and, without
--force, when the database holds data (exit 7); a damaged file is exit 8. The server applies
any newer migrations at its next start. On PostgreSQL use pg_restore.

Examples:
  DATA_DIR=/srv/chatshare chatshare restore /backups/chatshare-2026-06-01.sqlite`,
    )
    .action(copyAction(context, 'restoring', (server) => server.restoreDatabase, 'restored', 'into'));
}
