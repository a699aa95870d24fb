/**
 * `login` signs in with email and password, creates an API token named after this machine,
 * and stores `{ url, token }`; the password itself is never stored. `login --token` stores a
 * token made elsewhere after checking it. `logout` forgets the login and revokes the token
 * if `login` created it (a token brought with --token may be in use elsewhere, so it stays).
 */
import { hostname } from 'node:os';
import { isChatshareError } from '@chatshare/client';
import type { Command } from 'commander';
import { configFile, normalizeUrl, readLogin, removeLogin, writeLogin, type StoredLogin } from '../config.js';
import { clientFor, DEFAULT_URL, sessionClient } from '../connection.js';
import { scopeOf, type Context } from '../context.js';
import { CORE_LIMITS as LIMITS } from '../core-values.js';
import { CliError, describeError, usageError } from '../errors.js';
import { ask, askHidden, isInteractive, readStdinSecret } from '../prompt.js';

const tokenName = () => `chatshare CLI on ${hostname() || 'this machine'}`.slice(0, LIMITS.tokenNameLength);

/** A damaged config file must not stop anyone from signing in again (or out). */
async function storedOrNull(context: Context): Promise<StoredLogin | null> {
  try {
    return await readLogin(context.io.env);
  } catch (error) {
    if (error instanceof CliError && error.code === 'config_invalid') return null;
    throw error;
  }
}

export function registerLogin(program: Command, context: Context): void {
  program
    .command('login')
    .description('sign in and store a token for the other commands')
    .option('--email <email>', 'account email (asked for on a terminal)')
    .option('--password-stdin', 'read the password from stdin (for scripts)')
    .addHelpText(
      'after',
      `
Without --url, signs in to CHATSHARE_URL, the stored server, or ${DEFAULT_URL}.
With --token TOKEN, checks an API token made elsewhere and stores it instead.

Examples:
  chatshare login --url https://chat.example.com
  printf '%s' "$PASSWORD" | chatshare login --email me@example.com --password-stdin
  chatshare login --url https://chat.example.com --token cs_…`,
    )
    .action(async (options: { email?: string; passwordStdin?: boolean }, command: Command) => {
      const { globals, output } = scopeOf(context, command);
      const { io } = context;
      const stored = await storedOrNull(context);
      const url = normalizeUrl(globals.url ?? io.env.CHATSHARE_URL ?? stored?.url ?? DEFAULT_URL);

      let login: StoredLogin;
      if (globals.token !== undefined) {
        if (options.email !== undefined || options.passwordStdin) {
          throw usageError('--token stores a token as it is: leave out --email and --password-stdin');
        }
        const { user } = await clientFor(url, globals.token).me();
        login = { url, token: globals.token, email: user.email };
      } else {
        if (options.passwordStdin && options.email === undefined) {
          throw usageError('--password-stdin needs --email (stdin carries only the password)');
        }
        if (!isInteractive(io) && (options.email === undefined || !options.passwordStdin)) {
          throw usageError('not on a terminal: pass --email and --password-stdin, or --token');
        }
        const email = options.email ?? (await ask(io, 'Email: '));
        const password = options.passwordStdin
          ? await readStdinSecret(io, 'password')
          : await askHidden(io, 'Password: ');
        const session = sessionClient(url);
        const { user } = await session.auth.signin({ email, password });
        const created = await session.tokens.create({ name: tokenName() });
        // The token is what we keep; the session was only the way to make it.
        await session.auth.signout().catch(() => undefined);
        login = { url, token: created.token, email: user.email, tokenId: created.apiToken.id };
      }

      const file = await writeLogin(io.env, login);
      // Signing in again to the same server replaces our earlier token rather than piling them up.
      if (stored?.tokenId && stored.token !== login.token && safeUrl(stored.url) === url) {
        await clientFor(url, stored.token)
          .tokens.revoke(stored.tokenId)
          .catch(() => undefined);
      }
      output.result({ url, email: login.email, configFile: file, tokenCreated: login.tokenId !== undefined }, [
        `signed in to ${url} as ${login.email}`,
      ]);
      output.note(`token stored in ${file}`);
    });

  program
    .command('logout')
    .description('forget the stored login (and revoke its token on the server when login created it)')
    .action(async (_options: unknown, command: Command) => {
      const { output } = scopeOf(context, command);
      const { env } = context.io;
      const stored = await storedOrNull(context);
      if (!stored) {
        const removed = await removeLogin(env);
        output.result({ signedOut: removed, revoked: false }, [removed ? 'signed out' : 'not signed in']);
        return;
      }
      let revoked = false;
      if (stored.tokenId) {
        try {
          await clientFor(stored.url, stored.token).tokens.revoke(stored.tokenId);
          revoked = true;
        } catch (error) {
          // Already revoked or unknown: it is gone either way.
          if (isChatshareError(error) && (error.status === 401 || error.status === 404)) revoked = true;
          else
            output.warn(
              `could not revoke the token on ${stored.url} (${describeError(error).message}); revoke it in the app's settings`,
            );
        }
      }
      await removeLogin(env);
      output.result({ signedOut: true, url: stored.url, revoked }, [
        `signed out of ${stored.url}${revoked ? ' (token revoked)' : ''}`,
      ]);
      if (!stored.tokenId)
        output.note('the token given to `login --token` was not revoked: it may be in use elsewhere');
      output.note(`removed ${configFile(env)}`);
    });
}

const safeUrl = (url: string) => {
  try {
    return normalizeUrl(url);
  } catch {
    return url;
  }
};
