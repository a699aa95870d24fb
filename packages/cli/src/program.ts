/**
 * The `chatshare` command: global options, the subcommands, and the one place where any
 * failure becomes `error: <message> (<code>)` on stderr and an exit code.
 */
import { Command, CommanderError } from 'commander';
import { registerAdmin } from './commands/admin.js';
import { registerBackup } from './commands/backup.js';
import { registerImport } from './commands/import.js';
import { registerList } from './commands/list.js';
import { registerLogin } from './commands/login.js';
import { registerRevoke } from './commands/revoke.js';
import { registerRotate } from './commands/rotate.js';
import { registerServer } from './commands/server.js';
import { registerShare } from './commands/share.js';
import { createContext, type Context } from './context.js';
import { describeError } from './errors.js';
import { EXIT, EXIT_CODES_HELP, type ExitCode } from './exit-codes.js';
import type { Io } from './io.js';
import { VERSION } from './version.js';

const ENVIRONMENT_HELP = `Environment:
  CHATSHARE_URL         server to use (overrides the stored login's)
  CHATSHARE_TOKEN       API token to use (overrides the stored login's)
  CHATSHARE_CONFIG_DIR  where the login is stored (default: the user's config folder,
                        e.g. ~/.config/chatshare on Linux)
  NO_COLOR              no colors (QR codes are drawn without escape codes)`;

export function createProgram(context: Context): Command {
  const program = new Command('chatshare')
    .description('Share AI chat conversations by link: import exports, share, list, rotate and revoke links.')
    .version(VERSION, '-v, --version')
    .option('--json', 'print the result as JSON on stdout')
    .option('--url <url>', 'server URL (default: CHATSHARE_URL, the stored login, or http://localhost:3000)')
    .option('--token <token>', 'API token (default: CHATSHARE_TOKEN or the stored login)')
    .showHelpAfterError('(add --help for usage)')
    // Errors become values here so run() decides the exit code (2 for usage), not commander.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void context.io.stdout.write(text),
      writeErr: (text) => void context.io.stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error: (.*?)\.?\n?$/s, 'error: $1 (usage_error)\n')),
    })
    .addHelpText('after', `\n${ENVIRONMENT_HELP}\n\n${EXIT_CODES_HELP}`);

  registerServer(program, context);
  registerAdmin(program, context);
  registerBackup(program, context);
  registerLogin(program, context);
  registerImport(program, context);
  registerShare(program, context);
  registerList(program, context);
  registerRevoke(program, context);
  registerRotate(program, context);
  return program;
}

/** Runs the command line and resolves to the exit code; never throws. */
export async function run(argv: readonly string[], io: Io): Promise<ExitCode> {
  const context = createContext(io);
  try {
    await createProgram(context).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    // Commander has already printed its message (or the help, or the version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const described = describeError(error);
    io.stderr.write(`error: ${described.message} (${described.code})\n`);
    if (!described.expected && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return described.exitCode;
  }
}
