/**
 * `share ID|FILE`: shares a conversation already in the account, or imports a file and
 * shares what it holds — every conversation of it, one link each, in file order. Links go to
 * stdout, one per line (with --qr, each followed by its QR code); secret-scan warnings go to
 * stderr with the hint to use --redact.
 */
import { existsSync } from 'node:fs';
import type { ChatshareClient, CreateShareInput, Share, SharePrivacy } from '@chatshare/client';
import { Option, type Command } from 'commander';
import { signedInClient } from '../connection.js';
import { scopeOf, type Context } from '../context.js';
import { CORE_LIMITS as LIMITS } from '../core-values.js';
import { usageError } from '../errors.js';
import { openSource, runImport, type ImportReport } from '../import-runner.js';
import { wantsColor } from '../io.js';
import { parseEmails, parseExpires, parsePositiveInteger } from '../options.js';
import { plural, type Output } from '../output.js';
import { readStdinSecret } from '../prompt.js';
import { qrBlock } from '../qr.js';
import { summaryLines } from '../report.js';
import { withRetry } from '../retry.js';
import { checkReport, formatOption, importWithProgress, type ImportOptions } from './import.js';

interface ShareOptions extends ImportOptions {
  privacy?: SharePrivacy;
  password?: string;
  passwordStdin?: boolean;
  expires?: number | 'never';
  emails?: string[];
  maxViews?: number;
  redact?: boolean;
  qr?: boolean;
}

/** A path that exists, `-`, or something that can only be a file name, is a file; the rest ids. */
const looksLikeFile = (target: string) =>
  target === '-' || existsSync(target) || /[\\/]/.test(target) || /\.(json|jsonl|ndjson)$/i.test(target);

async function settingsFrom(context: Context, target: string, options: ShareOptions) {
  if (options.password !== undefined && options.passwordStdin) {
    throw usageError('give the password once: --password or --password-stdin');
  }
  if (options.passwordStdin && target === '-') {
    throw usageError('stdin cannot carry both the file and the password: save the file, or use --password');
  }
  // Invited emails only make sense on a private link, so they imply one.
  if (options.emails && options.privacy && options.privacy !== 'private') {
    throw usageError('--emails is for private links: leave out --privacy or use --privacy private');
  }
  const privacy = options.privacy ?? (options.emails ? 'private' : undefined);
  const password = options.passwordStdin ? await readStdinSecret(context.io, 'password') : options.password;
  if (password !== undefined && password.length > LIMITS.sharePasswordMaxLength) {
    throw usageError(`the password is longer than ${LIMITS.sharePasswordMaxLength} characters`);
  }
  return {
    ...(privacy ? { privacy } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(options.expires !== undefined ? { expiresIn: options.expires === 'never' ? null : options.expires } : {}),
    ...(options.emails ? { allowedEmails: options.emails } : {}),
    ...(options.maxViews !== undefined ? { maxViews: options.maxViews } : {}),
    ...(options.redact ? { redact: true } : {}),
  } satisfies Omit<CreateShareInput, 'conversationId'>;
}

/** Names the link, never the title: a title can hold the very secret being warned about. */
function reportSecrets(output: Output, share: Share): void {
  if (share.warnings.length === 0) return;
  const redacted = share.warnings.every((warning) => warning.redacted);
  output.warn(
    redacted
      ? `replaced ${plural(share.warnings.length, 'possible secret')} in the shared copy of ${share.shareUrl}:`
      : `${share.shareUrl} may contain ${plural(share.warnings.length, 'secret')}:`,
  );
  for (const warning of share.warnings) {
    output.io.stderr.write(`  ${warning.label} ${warning.preview} in ${warning.location}\n`);
  }
  if (!redacted) {
    output.io.stderr.write(
      '  Share again with --redact to replace them in the shared copy (your conversation stays as it is).\n',
    );
  }
}

async function importForSharing(
  context: Context,
  output: Output,
  client: ChatshareClient,
  file: string,
  options: ShareOptions,
): Promise<ImportReport> {
  const source = await openSource(file, context.io);
  const report = await importWithProgress(context, output, (onProgress) =>
    runImport(client, source, { ...(options.format ? { format: options.format } : {}), onProgress }),
  );
  checkReport(context, report);
  if (report.skipped.length > 0) for (const line of summaryLines(report)) output.note(line);
  else if (report.imported.length > 1)
    output.note(`${report.file} holds ${report.imported.length} conversations: sharing each`);
  return report;
}

export function registerShare(program: Command, context: Context): void {
  program
    .command('share')
    .description('share a conversation by id, or import a file and share what it holds')
    .argument('<target>', 'a conversation id, or an export file (- reads stdin)')
    .addOption(
      new Option('--privacy <level>', 'who can open the link (default unlisted)').choices([
        'public',
        'unlisted',
        'private',
      ]),
    )
    .option(
      '--password <password>',
      'viewers must enter this password (visible to other users of this machine: prefer --password-stdin)',
    )
    .option('--password-stdin', 'read the password from stdin')
    .option('--expires <when>', 'expiry: 1h, 24h, 7d, 30d, never, or a number of hours', parseExpires)
    .option(
      '--emails <list>',
      'comma-separated emails invited to a private link (implies --privacy private)',
      parseEmails,
    )
    .option('--max-views <n>', 'the link expires after this many views', parsePositiveInteger(LIMITS.maxViewsMax))
    .option('--redact', 'replace detected secrets (API keys, tokens, emails) in the shared copy')
    .option('--qr', 'also draw a QR code of each link')
    .addOption(formatOption())
    .addHelpText(
      'after',
      `
A conversation that is already shared keeps its link: sharing it again takes a fresh
snapshot and applies the options given. A file holding several conversations gets one link
each, printed one per line in file order.

Examples:
  chatshare share 4f1c2b9e-… --expires 7d
  printf '%s' "$SECRET" | chatshare share chat.json --password-stdin --expires 24h --qr
  chatshare share conversations.json --privacy private --emails ann@example.com,bo@example.com`,
    )
    .action(async (target: string, options: ShareOptions, command: Command) => {
      const { globals, output } = scopeOf(context, command);
      const settings = await settingsFrom(context, target, options);
      const { client } = await signedInClient(globals, context.io.env);

      let report: ImportReport | undefined;
      let ids: string[];
      if (looksLikeFile(target)) {
        report = await importForSharing(context, output, client, target, options);
        ids = report.imported.map((item) => item.id);
      } else {
        ids = [target];
      }

      const shares: Share[] = [];
      const print = async () => {
        for (const share of shares) reportSecrets(output, share);
        const color = wantsColor(context.io, 'stdout');
        const qrs = options.qr && !globals.json ? await Promise.all(shares.map((s) => qrBlock(s.shareUrl, color))) : [];
        output.result({ shares, ...(report ? { import: report } : {}) }, () =>
          shares.flatMap((share, i) => (options.qr ? [share.shareUrl, qrs[i]!, ''] : [share.shareUrl])),
        );
      };
      try {
        // One at a time: link creation is rate limited per user, and withRetry waits it out.
        for (const conversationId of ids) {
          shares.push(await withRetry(() => client.shares.create({ conversationId, ...settings })));
        }
      } catch (error) {
        // The links made before the failure work: print them, then the error.
        if (shares.length > 0) await print();
        throw error;
      }
      await print();
    });
}
