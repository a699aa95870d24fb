/** `import FILE`: every conversation of an export file into the account, with a summary. */
import type { ImportFormat } from '@chatshare/core';
import { Option, type Command } from 'commander';
import { signedInClient } from '../connection.js';
import { scopeOf, type Context } from '../context.js';
import { FORMATS } from '../core-values.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { DEFAULT_CONCURRENCY, ImportInterrupted, openSource, runImport, type ImportReport } from '../import-runner.js';
import { parsePositiveInteger } from '../options.js';
import type { Output } from '../output.js';
import { createProgress, type ProgressState } from '../progress.js';
import { summaryLines } from '../report.js';

export const formatOption = () =>
  new Option('--format <format>', 'read the file in this format instead of detecting it').choices(FORMATS);

export interface ImportOptions {
  format?: ImportFormat;
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

/** Nothing imported is a failure; some skipped is exit 5, which scripts can tell from both. */
export function checkReport(context: Context, report: ImportReport): void {
  if (report.imported.length === 0) {
    throw new CliError(
      `nothing was imported: all ${report.skipped.length} conversations in ${report.file} were skipped`,
      'nothing_imported',
      EXIT.failure,
    );
  }
  if (report.skipped.length > 0) context.exitCode = EXIT.partial;
}

export function registerImport(program: Command, context: Context): void {
  program
    .command('import')
    .description('import every conversation of an export file into your account')
    .argument('<file>', 'the export file (- reads stdin)')
    .addOption(formatOption())
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

Progress goes to stderr: a line redrawn in place on a terminal; elsewhere a plain line every
500 conversations. The summary (or the report, with --json) goes to stdout.

Exits 5 when some conversations were skipped, 1 when none could be imported.

Examples:
  chatshare import conversations.json
  chatshare import --json export.json > report.json
  cat chat.jsonl | chatshare import - --format openai`,
    )
    .action(async (file: string, options: ImportOptions, command: Command) => {
      const { globals, output } = scopeOf(context, command);
      const { client } = await signedInClient(globals, context.io.env);
      const source = await openSource(file, context.io);
      const report = await importWithProgress(context, output, (onProgress) =>
        runImport(client, source, {
          ...(options.format ? { format: options.format } : {}),
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          onProgress,
        }),
      );
      output.result(report, summaryLines(report));
      checkReport(context, report);
    });
}
