/** `import FILE`: every conversation of an export file into the account, with a summary. */
import type { ImportFormat, OnDuplicate } from '@chatshare/core';
import { Option, type Command } from 'commander';
import { signedInClient } from '../connection.js';
import { scopeOf, type Context } from '../context.js';
import { FORMATS, ON_DUPLICATE_CHOICES } from '../core-values.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { DEFAULT_CONCURRENCY, ImportInterrupted, openSource, runImport, type ImportReport } from '../import-runner.js';
import { parsePositiveInteger } from '../options.js';
import type { Output } from '../output.js';
import { createProgress, type ProgressState } from '../progress.js';
import { summaryLines } from '../report.js';

export const formatOption = () =>
  new Option('--format <format>', 'read the file in this format instead of detecting it').choices(FORMATS);

export const onDuplicateOption = () =>
  new Option(
    '--on-duplicate <choice>',
    'a conversation imported before: skip it, update it if it changed at the source, or copy it',
  )
    .choices(ON_DUPLICATE_CHOICES)
    .default('skip');

export interface ImportOptions {
  format?: ImportFormat;
  onDuplicate?: OnDuplicate;
  concurrency?: number;
}

/**
 * Runs an import with progress on stderr. An interrupted import still reports what got in
 * before its error is raised, so nobody has to guess what to clean up.
 */
export async function importWithProgress(
  context: Context,
  output: Output,
  run: (onProgress: (state: ProgressState) => void) => Promise<ImportReport>,
): Promise<ImportReport> {
  const progress = createProgress(context.io);
  let report: ImportReport;
  try {
    report = await run((state) => progress.update(state));
  } catch (error) {
    progress.finish();
    if (!(error instanceof ImportInterrupted)) throw error;
    const { report } = error;
    // Stopped at the first request (a revoked token, say): the error alone says it all.
    if (report.imported.length + report.skipped.length > 0) {
      output.result({ ...report, interrupted: true }, summaryLines(report));
    }
    throw error.cause;
  }
  progress.finish();
  return report;
}

/**
 * Nothing readable is a failure; some skipped (unreadable, refused, or changed since they were
 * imported) is exit 5, which scripts can tell from both. Conversations imported before and
 * unchanged are no failure: running an import twice succeeds and stores nothing twice.
 */
export function checkReport(context: Context, report: ImportReport): void {
  const unchanged = report.skipped.filter((skip) => skip.code === 'already_imported').length;
  const before = report.skipped.filter((skip) => skip.code).length;
  if (report.imported.length + report.updated.length + before === 0) {
    throw new CliError(
      `nothing was imported: all ${report.skipped.length} conversations in ${report.file} were skipped`,
      'nothing_imported',
      EXIT.failure,
    );
  }
  if (report.skipped.length > unchanged) context.exitCode = EXIT.partial;
}

export function registerImport(program: Command, context: Context): void {
  program
    .command('import')
    .description('import every conversation of an export file into your account')
    .argument('<file>', 'the export file (- reads stdin)')
    .addOption(formatOption())
    .addOption(onDuplicateOption())
    .option(
      '--concurrency <n>',
      `requests in flight at once (default ${DEFAULT_CONCURRENCY})`,
      parsePositiveInteger(16),
    )
    .addHelpText(
      'after',
      `
Reads ChatGPT, Claude, Open WebUI and LibreChat exports, OpenAI messages (JSON or JSON
Lines) and chatshare JSON, detected from the content. The file is read as a stream, so a
large export (hundreds of MB) needs little memory.

A conversation imported before (the same id at the source, or the same content when the
format has no ids) is not stored again: it is listed as already imported, or as changed
since import when it went on at the source. --on-duplicate update replaces the messages of
the changed ones (after the whole file has been read; their ids and links stay), and
--on-duplicate copy stores everything again.

Progress goes to stderr: a line redrawn in place on a terminal; elsewhere a plain line every
500 conversations. The summary (or the report, with --json) goes to stdout.

Exits 5 when some conversations were skipped (unreadable, refused, or changed since import),
1 when none could be imported; conversations already imported unchanged are no failure.

Examples:
  chatshare import conversations.json
  chatshare import --json export.json > report.json
  chatshare import --on-duplicate update conversations.json
  cat chat.jsonl | chatshare import - --format openai`,
    )
    .action(async (file: string, options: ImportOptions, command: Command) => {
      const { globals, output } = scopeOf(context, command);
      const { client } = await signedInClient(globals, context.io.env);
      const source = await openSource(file, context.io);
      const report = await importWithProgress(context, output, (onProgress) =>
        runImport(client, source, {
          ...(options.format ? { format: options.format } : {}),
          ...(options.onDuplicate ? { onDuplicate: options.onDuplicate } : {}),
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          onProgress,
        }),
      );
      output.result(report, summaryLines(report));
      checkReport(context, report);
    });
}
