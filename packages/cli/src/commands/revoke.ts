/** `revoke CODE|URL` and `revoke --all`: links stop working at the next request. */
import type { Command } from 'commander';
import { signedInClient } from '../connection.js';
import { scopeOf, type Context } from '../context.js';
import { CliError, usageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { plural } from '../output.js';
import { confirm, isInteractive } from '../prompt.js';

/** `https://host/s/CODE`, `…/s/CODE.md`, `…/embed/CODE` or a bare `CODE` -> `CODE`. */
export function codeFromLink(link: string): string {
  const text = link.trim();
  let code = text;
  if (/^https?:\/\//i.test(text)) {
    const segments = new URL(text).pathname.split('/').filter(Boolean);
    const at = segments.findIndex((segment) => segment === 's' || segment === 'embed');
    code = at >= 0 ? (segments[at + 1] ?? '') : '';
    code = code.replace(/\.md$/, '');
  }
  if (!/^[A-Za-z0-9]{1,100}$/.test(code)) throw usageError(`"${link}" is neither a short code nor a link to one`);
  return code;
}

export function registerRevoke(program: Command, context: Context): void {
  program
    .command('revoke')
    .description('revoke a link, or all your links')
    .argument('[link]', 'the short code or the link (https://…/s/CODE)')
    .option('--all', 'revoke every live link of yours')
    .option('-y, --yes', 'do not ask for confirmation')
    .addHelpText(
      'after',
      `
A revoked link answers 404 to everyone from the next request on, and its code is never
reused. --all asks for confirmation on a terminal; elsewhere it needs --yes.`,
    )
    .action(async (link: string | undefined, options: { all?: boolean; yes?: boolean }, command: Command) => {
      const { globals, output } = scopeOf(context, command);
      if (link !== undefined && options.all) throw usageError('give a link or --all, not both');
      if (link === undefined && !options.all) throw usageError('give the link to revoke, or --all');
      const code = link === undefined ? undefined : codeFromLink(link);
      const { client, url } = await signedInClient(globals, context.io.env);

      if (code === undefined) {
        if (!options.yes) {
          if (!isInteractive(context.io))
            throw usageError('revoke --all asks for confirmation: pass --yes when not on a terminal');
          if (!(await confirm(context.io, `Revoke every live link of yours on ${url}? This cannot be undone.`))) {
            throw new CliError('nothing was revoked', 'cancelled', EXIT.failure);
          }
        }
        const { revoked } = await client.shares.revokeAll();
        output.result({ revoked }, [`revoked ${plural(revoked, 'link')}`]);
        return;
      }

      const { items } = await client.shares.list({ code });
      const share = items[0];
      if (!share) throw new CliError(`none of your links has the code ${code}`, 'share_not_found', EXIT.notFound);
      if (share.settings.status === 'revoked') {
        output.result(share, [`${code} was already revoked`]);
        return;
      }
      output.result(await client.shares.revoke(share.settings.id), [`revoked ${share.shareUrl}`]);
    });
}
