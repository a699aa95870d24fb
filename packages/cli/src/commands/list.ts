/** `list`: my links as a table, every page of them. */
import type { ListSharesQuery, Share } from '@chatshare/client';
import { Option, type Command } from 'commander';
import { signedInClient } from '../connection.js';
import { scopeOf, type Context } from '../context.js';
import { CORE_LIMITS as LIMITS } from '../core-values.js';
import { count } from '../output.js';
import { formatTable, type Column } from '../table.js';

type Sort = NonNullable<ListSharesQuery['sort']>;

/** What sets a link apart from a plain unlisted one, in words. */
export function flagsOf(share: Share): string {
  const { settings } = share;
  const flags = [
    settings.status !== 'live' ? settings.status : null,
    settings.hasPassword ? 'password' : null,
    settings.expiresAt && settings.status === 'live'
      ? `expires ${settings.expiresAt.slice(0, 16).replace('T', ' ')}`
      : null,
    settings.allowedEmails.length > 0 ? plainCount(settings.allowedEmails.length, 'invited') : null,
  ].filter((flag): flag is string => flag !== null);
  return flags.length > 0 ? flags.join(', ') : '-';
}

const plainCount = (value: number, what: string) => `${count(value)} ${what}`;

const COLUMNS: Column<Share>[] = [
  { header: 'CODE', value: (share) => share.shortCode },
  { header: 'PRIVACY', value: (share) => share.settings.privacy },
  { header: 'FLAGS', value: flagsOf, maxWidth: 40 },
  {
    header: 'VIEWS',
    value: ({ settings }) => `${count(settings.viewCount)}${settings.maxViews ? `/${count(settings.maxViews)}` : ''}`,
    align: 'right',
  },
  { header: 'TITLE', value: (share) => share.settings.title || '(untitled)', maxWidth: 40 },
  { header: 'URL', value: (share) => share.shareUrl },
];

export function registerList(program: Command, context: Context): void {
  program
    .command('list')
    .description('list your links')
    .option('--all', 'include revoked links')
    .option('--search <text>', 'only links whose title contains this text')
    .addOption(
      new Option('--sort <field>', 'sort by').choices(['created', 'updated', 'views', 'title']).default('created'),
    )
    .addOption(new Option('--order <order>', 'default: asc for title, desc otherwise').choices(['asc', 'desc']))
    .addHelpText(
      'after',
      `
FLAGS shows what sets a link apart: expired or revoked, password, expiry time (UTC),
number of invited emails. VIEWS is views so far, and the limit when there is one.`,
    )
    .action(
      async (options: { all?: boolean; search?: string; sort: Sort; order?: 'asc' | 'desc' }, command: Command) => {
        const { globals, output } = scopeOf(context, command);
        const { client } = await signedInClient(globals, context.io.env);
        const shares: Share[] = [];
        for await (const share of client.shares.listAll({
          limit: LIMITS.pageSizeMax,
          sort: options.sort,
          order: options.order ?? (options.sort === 'title' ? 'asc' : 'desc'),
          status: options.all ? 'all' : 'live',
          ...(options.search ? { q: options.search } : {}),
        })) {
          shares.push(share);
        }
        output.result(shares, () =>
          shares.length === 0
            ? [options.search ? `no links match "${options.search}"` : 'no links yet: share one with `chatshare share`']
            : formatTable(COLUMNS, shares),
        );
      },
    );
}
