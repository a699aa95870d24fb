/**
 * `admin create` makes an instance admin straight in the database: the way to the first admin
 * of an instance whose sign-up is off. Like `serve` and `migrate` it runs the server package's
 * own code (loaded only when it runs) and is configured by the environment (DATA_DIR,
 * DATABASE_URL, …); it brings the database up to date first. The password comes from a hidden
 * prompt on a terminal or from stdin with --password-stdin, never from the command line, where
 * the process list and the shell history would keep it.
 */
import type { Command } from 'commander';
import { scopeOf, type Context } from '../context.js';
import { CliError, usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Io } from '../io.js';
import { askHidden, isInteractive, readStdinSecret } from '../prompt.js';

interface CreateOptions {
  email: string;
  name?: string;
  passwordStdin?: boolean;
  promote?: boolean;
}

async function readPassword(io: Io, fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdinSecret(io, 'password');
  if (!isInteractive(io)) {
    throw usageError('not on a terminal: pass --password-stdin and write the password to stdin');
  }
  const password = await askHidden(io, 'Password for the new admin: ');
  if ((await askHidden(io, 'Repeat the password: ')) !== password) {
    throw new CliError('the two passwords differ', 'passwords_differ', EXIT.usage);
  }
  return password;
}

const EXIT_CODES: Record<string, ExitCode> = {
  invalid_email: EXIT.usage,
  invalid_name: EXIT.usage,
  invalid_password: EXIT.usage,
  email_taken: EXIT.conflict,
  email_not_verified: EXIT.failure,
};

const HINTS: Record<string, string> = {
  email_taken: ': pass --promote to make that account an admin',
  email_not_verified: '; it can confirm it with the link in its verification mail, then try again',
};

export function registerAdmin(program: Command, context: Context): void {
  const admin = program
    .command('admin')
    .description('manage the instance admins (works on the database directly, configured like `serve`)');

  admin
    .command('create')
    .description('create an admin account, or with --promote make an existing account an admin')
    .requiredOption('--email <email>', "the admin's email address (counts as verified)")
    .option('--name <name>', 'display name of the new account')
    .option('--password-stdin', 'read the password from stdin (for scripts); asked for on a terminal otherwise')
    .option('--promote', 'if an account with this email exists, make it an admin instead of refusing')
    .addHelpText(
      'after',
      `
The database is the server's: DATA_DIR, DATABASE_URL and DATABASE_SCHEMA as for \`serve\`.
The email of a new admin counts as verified (you vouch for it); --promote only takes an
account that confirmed its address. Exit 7 when the email is taken (without --promote).

Examples:
  chatshare admin create --email ops@example.com --name "Operations"
  printf '%s' "$PASSWORD" | chatshare admin create --email ops@example.com --password-stdin
  chatshare admin create --email ada@example.com --promote`,
    )
    .action(async (options: CreateOptions, command: Command) => {
      const { output } = scopeOf(context, command);
      const { io } = context;
      const { setUpAdmin, AdminSetupError, ConfigError } = await import('@chatshare/server/admin');
      let result;
      try {
        result = await setUpAdmin(
          {
            email: options.email,
            ...(options.name !== undefined ? { name: options.name } : {}),
            promote: options.promote === true,
            password: () => readPassword(io, options.passwordStdin === true),
          },
          io.env,
        );
      } catch (error) {
        if (error instanceof AdminSetupError) {
          throw new CliError(`${error.message}${HINTS[error.code] ?? ''}`, error.code, EXIT_CODES[error.code]);
        }
        if (error instanceof ConfigError) throw new CliError(error.message, 'invalid_configuration', EXIT.failure);
        throw error;
      }
      const { outcome, user, migrations } = result;
      if (migrations.length > 0) output.note(`applied migrations: ${migrations.join(', ')}`);
      output.result({ outcome, user }, [
        outcome === 'created'
          ? `created the admin ${user.email}`
          : outcome === 'promoted'
            ? `${user.email} is now an admin`
            : `${user.email} is already an admin`,
      ]);
    });
}
