/**
 * Reads an export file as a stream with core's `importStream` and creates each conversation
 * through the API, a few requests at a time. The window is what bounds memory: the reader is
 * not asked for the next conversation until a slot is free, so at most `concurrency`
 * conversations are held, whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ChatshareClient } from '@chatshare/client';
import { isChatshareError } from '@chatshare/client';
import type { ConversationDraft, ImportFormat } from '@chatshare/core';
import { CliError, describeError } from './errors.js';
import type { Io } from './io.js';
import type { ProgressState } from './progress.js';

export const DEFAULT_CONCURRENCY = 4;

export interface ImportSource {
  /** The path as given, or `stdin`. */
  name: string;
  chunks: AsyncIterable<Uint8Array | string>;
  size: number | undefined;
  close(): void;
}

export interface ImportedConversation {
  index: number;
  id: string;
  title: string;
  messageCount: number;
}

export interface SkippedConversation {
  index: number;
  /** Where in the file reading failed, e.g. `[3].mapping`. */
  path: string;
  title?: string;
  reason: string;
}

export interface ImportReport {
  file: string;
  format: ImportFormat | null;
  imported: ImportedConversation[];
  skipped: SkippedConversation[];
  seconds: number;
}

/** The import stopped part-way (server gone, token revoked): what got in, and why it stopped. */
export class ImportInterrupted extends Error {
  constructor(
    readonly report: ImportReport,
    override readonly cause: unknown,
  ) {
    super('the import was interrupted');
    this.name = 'ImportInterrupted';
  }
}

/** `-` is stdin; anything else a file, checked up front so a typo fails before any request. */
export async function openSource(file: string, io: Io): Promise<ImportSource> {
  if (file === '-') return { name: 'stdin', chunks: io.stdin, size: undefined, close: () => undefined };
  const info = await stat(file);
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR', path: file });
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  return { name: file, chunks: stream, size: info.size, close: () => stream.destroy() };
}

export interface RunImportOptions {
  format?: ImportFormat;
  concurrency?: number;
  now?: () => Date;
  onProgress?: (state: ProgressState) => void;
}

/** Answers that are about this one conversation (too big, invalid): skip it and go on. */
const isPerConversation = (error: unknown) => isChatshareError(error) && [400, 413, 422].includes(error.status);

export async function runImport(
  client: ChatshareClient,
  source: ImportSource,
  options: RunImportOptions = {},
): Promise<ImportReport> {
  const started = performance.now();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const report: ImportReport = { file: source.name, format: null, imported: [], skipped: [], seconds: 0 };
  let bytesRead = 0;
  let fatal: { error: unknown } | undefined;
  const inFlight = new Set<Promise<void>>();

  const progress = () =>
    options.onProgress?.({
      imported: report.imported.length,
      skipped: report.skipped.length,
      bytesRead,
      totalBytes: source.size,
    });

  const counted = async function* () {
    for await (const chunk of source.chunks) {
      bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      yield chunk;
    }
  };

  const create = async (index: number, draft: ConversationDraft) => {
    // The draft's importedAt is the server's to set; our model carries only where it came from.
    const { source: origin, ...conversation } = draft;
    try {
      const created = await client.conversations.create(
        { ...conversation, source: { format: origin.format } },
        { format: 'chatshare' },
      );
      report.imported.push({ index, id: created.id, title: created.title, messageCount: created.messageCount });
    } catch (error) {
      if (!isPerConversation(error)) {
        fatal ??= { error };
        return;
      }
      const { message, code } = describeError(error);
      report.skipped.push({
        index,
        path: `[${index}]`,
        title: draft.title,
        reason: `the server refused it: ${message} (${code})`,
      });
    }
    progress();
  };

  const finish = async () => {
    await Promise.all(inFlight);
    report.imported.sort((a, b) => a.index - b.index);
    report.skipped.sort((a, b) => a.index - b.index);
    report.seconds = Number(((performance.now() - started) / 1000).toFixed(2));
  };

  // Loaded here, not at start: only import and share need core's readers (see core-values.ts).
  const { importStream, isAppError } = await import('@chatshare/core');
  try {
    for await (const event of importStream(counted(), {
      now: options.now?.() ?? new Date(),
      ...(options.format ? { format: options.format } : {}),
    })) {
      if (event.type === 'format') {
        report.format = event.format;
      } else if (event.type === 'skipped') {
        const { type: _type, ...skip } = event;
        report.skipped.push(skip);
        progress();
      } else {
        const task: Promise<void> = create(event.index, event.draft).finally(() => inFlight.delete(task));
        inFlight.add(task);
        if (inFlight.size >= concurrency) await Promise.race(inFlight);
      }
      if (fatal) break;
    }
  } catch (error) {
    await finish();
    // The file is unreadable as a whole (cut off, not JSON): like the server's bulk import,
    // nothing of it stays, so running the command again on a fixed file makes no duplicates.
    if (isAppError(error)) throw await rollBack(client, report, source.name, error);
    throw new ImportInterrupted(report, error);
  } finally {
    source.close();
  }
  await finish();
  if (fatal) throw new ImportInterrupted(report, fatal.error);
  return report;
}

async function rollBack(client: ChatshareClient, report: ImportReport, name: string, error: Error & { code: string }) {
  const ids = report.imported.map((item) => item.id);
  let left = 0;
  for (let at = 0; at < ids.length; at += DEFAULT_CONCURRENCY) {
    const results = await Promise.allSettled(
      ids.slice(at, at + DEFAULT_CONCURRENCY).map((id) => client.conversations.delete(id)),
    );
    left += results.filter((result) => result.status === 'rejected').length;
  }
  const outcome =
    ids.length === 0
      ? 'nothing was imported'
      : left === 0
        ? `nothing was imported (the ${ids.length} conversations created before the problem was found were removed)`
        : `${left} of the ${ids.length} conversations created before the problem was found could not be removed`;
  return new CliError(`${name}: ${error.message.replace(/\.$/, '')}; ${outcome}`, error.code);
}
