/** `rotate CODE|URL`: the link gets a new code and the old one stops working at once. */
import type { Command } from 'commander';
import { signedInClient } from '../connection.js';
import { scopeOf, type Context } from '../context.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { codeFromLink } from './revoke.js';

export function registerRotate(program: Command, context: Context): void {
  program
    .command('rotate')
    .description('give a link a new code; the old link stops working at once')
    .argument('<link>', 'the short code or the link (https://…/s/CODE)')
    .addHelpText(
      'after',
      `
Prints the new link. The old code answers 404 to everyone from the next request on; the
link keeps its settings, its content and its view count. A revoked link cannot be rotated.`,
    )
    .action(async (link: string, _options: unknown, command: Command) => {
      const { globals, output } = scopeOf(context, command);
      const code = codeFromLink(link);
      const { client } = await signedInClient(globals, context.io.env);
      const { items } = await client.shares.list({ code });
      const share = items[0];
      if (!share) throw new CliError(`none of your links has the code ${code}`, 'share_not_found', EXIT.notFound);
      // A revoked or taken-down link is refused by the server, with its own error code.
      const rotated = await client.shares.rotate(share.settings.id);
      output.result(rotated, [rotated.shareUrl]);
    });
}
