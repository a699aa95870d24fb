/**
 * `share ID|FILE`: shares a conversation already in the account, or imports a file and
 * shares what it holds — every conversation of it, one link each, in file order. Links go to
 * stdout, one per line (with --qr, each followed by its QR code). Before any link is made the
 * conversations are scanned for secrets (share-secrets.ts): findings go to stderr and the owner
 * decides — asked on a terminal, --redact / --allow-secrets elsewhere, or nothing is shared.
 */
import { existsSync } from 'node:fs';
import type { ChatshareClient, CreateShareInput, Share, SharePrivacy } from '@chatshare/client';
import { Option, type Command } from 'commander';
import { signedInClient } from '../connection.js';
import { scopeOf, type Context } from '../context.js';
import { CORE_LIMITS as LIMITS } from '../core-values.js';
import { usageError } from '../errors.js';
import { conversationIdsOf, openSource, runImport, type ImportReport } from '../import-runner.js';
import { wantsColor } from '../io.js';
import { parseEmails, parseExpires, parsePositiveInteger } from '../options.js';
import { plural, type Output } from '../output.js';
import { readStdinSecret } from '../prompt.js';
import { qrBlock } from '../qr.js';
import { summaryLines } from '../report.js';
import { withRetry } from '../retry.js';
import { checkReport, formatOption, importWithProgress, type ImportOptions } from './import.js';
import { decideOnSecrets, findSecrets } from './share-secrets.js';

interface ShareOptions extends ImportOptions {
  privacy?: SharePrivacy;
  password?: string;
  passwordStdin?: boolean;
  expires?: number | 'never';
  emails?: string[];
  maxViews?: number;
  redact?: boolean;
  allowSecrets?: boolean;
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
  if (options.redact && options.allowSecrets) {
    throw usageError('give --redact (replace secrets) or --allow-secrets (share them as written), not both');
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

/**
 * What happened to the secrets the owner decided about, once the link exists. Names the link,
 * never the title: a title can hold the very secret in question.
 */
function reportSecrets(output: Output, share: Share): void {
  if (share.warnings.length === 0) return;
  const redacted = share.warnings.every((warning) => warning.redacted);
  output.note(
    redacted
      ? `replaced ${plural(share.warnings.length, 'possible secret')} in the shared copy of ${share.shareUrl}`
      : `${share.shareUrl} shares ${plural(share.warnings.length, 'possible secret')} as written, as chosen`,
  );
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
    // A file shared before: its conversations are brought up to date and keep their links.
    runImport(client, source, {
      ...(options.format ? { format: options.format } : {}),
      onDuplicate: 'update',
      onProgress,
    }),
  );
  checkReport(context, report);
  if (report.skipped.length > 0) for (const line of summaryLines(report)) output.note(line);
  else if (conversationIdsOf(report).length > 1)
    output.note(`${report.file} holds ${conversationIdsOf(report).length} conversations: sharing each`);
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
    .option('--allow-secrets', 'share even if secrets are detected, without replacing them')
    .option('--qr', 'also draw a QR code of each link')
    .addOption(formatOption())
    .addHelpText(
      'after',
      `
A conversation that is already shared keeps its link: sharing it again takes a fresh
snapshot and applies the options given. A file holding several conversations gets one link
each, printed one per line in file order. A file imported before is not stored again: its
conversations are updated where they changed at the source, and their links refreshed.

Before any link is made, the conversations are scanned for secrets (API keys, tokens, email
addresses). If something is found, a terminal asks: Redact and share / Share as is / Cancel.
Anywhere else nothing is shared (exit 2, secrets_decision_required) unless --redact or
--allow-secrets says what to do.

Examples:
  chatshare share 4f1c2b9e-… --expires 7d
  printf '%s' "$SECRET" | chatshare share chat.json --password-stdin --expires 24h --qr
  chatshare share conversations.json --privacy private --emails ann@example.com,bo@example.com
  chatshare share chat.json --redact`,
    )
    .action(async (target: string, options: ShareOptions, command: Command) => {
      const { globals, output } = scopeOf(context, command);
      const settings = await settingsFrom(context, target, options);
      const { client } = await signedInClient(globals, context.io.env);

      let report: ImportReport | undefined;
      let ids: string[];
      if (looksLikeFile(target)) {
        report = await importForSharing(context, output, client, target, options);
        ids = conversationIdsOf(report);
      } else {
        ids = [target];
      }

      // The secret check comes before any link: decided by a flag, a question, or refused.
      const findings = options.redact || options.allowSecrets ? [] : await findSecrets(client, ids);
      const redactFound = await decideOnSecrets(context.io, output, findings);
      // The answer applies to the conversations it was about; the others keep their own setting.
      const found = new Set(findings.map((finding) => finding.conversationId));

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
          const decided = found.has(conversationId) ? { redact: redactFound } : {};
          shares.push(await withRetry(() => client.shares.create({ conversationId, ...settings, ...decided })));
        }
      } catch (error) {
        // The links made before the failure work: print them, then the error.
        if (shares.length > 0) await print();
        throw error;
      }
      await print();
    });
}
