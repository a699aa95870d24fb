/**
 * Reads an export file as a stream with core's `importStream` and creates each conversation
 * through the API, a few requests at a time. The window is what bounds memory: the reader is
 * not asked for the next conversation until a slot is free, so at most `concurrency`
 * conversations are held, whatever the file's size.
 *
 * Each conversation goes with its source id and `onDuplicate`, so the server recognises one
 * imported before. With `update`, the changed ones are held and replaced only after the whole
 * file has been read: a file that turns out unreadable part-way has changed nothing.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ChatshareClient, ImportedConversation, SkippedConversation } from '@chatshare/client';
import { isChatshareError } from '@chatshare/client';
import { supersededSkip, type ConversationDraft, type ImportFormat, type OnDuplicate } from '@chatshare/core';
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

// The server's report items, the same for a file read here and one uploaded whole.
export type { ImportedConversation, SkippedConversation };

export interface ImportReport {
  file: string;
  format: ImportFormat | null;
  imported: ImportedConversation[];
  /** Imported before and replaced by the file's version (`--on-duplicate update`). */
  updated: ImportedConversation[];
  skipped: SkippedConversation[];
  seconds: number;
}

/** The conversations a file stands for in the account, in file order: new, updated, or imported before. */
export function conversationIdsOf(report: ImportReport): string[] {
  return [
    ...report.imported,
    ...report.updated,
    ...report.skipped.flatMap((skip) => (skip.conversationId ? [{ index: skip.index, id: skip.conversationId }] : [])),
  ]
    .sort((a, b) => a.index - b.index)
    .map((item) => item.id);
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
  /** A conversation imported before: `skip` (default), `update` if it changed, or `copy`. */
  onDuplicate?: OnDuplicate;
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
  const onDuplicate = options.onDuplicate ?? 'skip';
  const report: ImportReport = { file: source.name, format: null, imported: [], updated: [], skipped: [], seconds: 0 };
  // Changed since import, to replace once the whole file has been read; by stored id, later ones win.
  const updates = new Map<string, { index: number; draft: ConversationDraft }>();
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

  const send = (draft: ConversationDraft, mode: OnDuplicate) => {
    // The draft's importedAt is the server's to set; our model carries only where it came from.
    const { source: origin, ...conversation } = draft;
    const source = { format: origin.format, ...(origin.id ? { id: origin.id } : {}) };
    return client.conversations.create({ ...conversation, source }, { format: 'chatshare', onDuplicate: mode });
  };

  /** Stores one conversation (or replaces it: `mode` update); false when the import must stop. */
  const store = async (index: number, draft: ConversationDraft, mode: OnDuplicate) => {
    try {
      const stored = await send(draft, mode);
      const item = { index, id: stored.id, title: stored.title, messageCount: stored.messageCount };
      (mode === 'update' ? report.updated : report.imported).push({ ...item, branchCount: stored.branchCount });
    } catch (error) {
      const duplicate = duplicateOf(error);
      if (duplicate?.code === 'changed_since_import' && onDuplicate === 'update' && mode !== 'update') {
        const earlier = updates.get(duplicate.conversationId);
        if (earlier) report.skipped.push(supersededSkip(earlier, index, duplicate.conversationId));
        updates.set(duplicate.conversationId, { index, draft });
      } else if (duplicate) {
        report.skipped.push({
          index,
          path: `[${index}]`,
          title: draft.title,
          reason: duplicateText(duplicate.code, duplicate.conversationId),
          ...duplicate,
        });
      } else if (isPerConversation(error)) {
        const { message, code } = describeError(error);
        report.skipped.push({
          index,
          path: `[${index}]`,
          title: draft.title,
          reason: `the server refused it: ${message} (${code})`,
        });
      } else {
        fatal ??= { error };
        return;
      }
    }
    progress();
  };
  // Updates wait for the whole file: until then a changed conversation only answers that it changed.
  const create = (index: number, draft: ConversationDraft) =>
    store(index, draft, onDuplicate === 'update' ? 'skip' : onDuplicate);

  const finish = async () => {
    await Promise.all(inFlight);
    for (const list of [report.imported, report.updated, report.skipped]) list.sort((a, b) => a.index - b.index);
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
  // The whole file was read: the held updates go now, once every create has answered.
  await Promise.all(inFlight);
  if (!fatal) {
    for (const { index, draft } of updates.values()) {
      const task: Promise<void> = store(index, draft, 'update').finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
      if (fatal) break;
    }
  }
  await finish();
  if (fatal) throw new ImportInterrupted(report, fatal.error);
  return report;
}

/** The server's answer for a conversation imported before, if that is what `error` is. */
function duplicateOf(
  error: unknown,
): { code: 'already_imported' | 'changed_since_import'; conversationId: string } | undefined {
  if (!isChatshareError(error)) return undefined;
  const code =
    error.code === 'already_imported'
      ? 'already_imported'
      : error.code === 'changed_since_import'
        ? 'changed_since_import'
        : undefined;
  const details = error.details;
  const id =
    typeof details === 'object' && details !== null && 'conversationId' in details ? details.conversationId : undefined;
  return code && typeof id === 'string' ? { code, conversationId: id } : undefined;
}

const duplicateText = (code: 'already_imported' | 'changed_since_import', id: string) =>
  code === 'already_imported'
    ? `already imported (conversation ${id})`
    : `changed since import (conversation ${id}): run again with --on-duplicate update to replace its messages`;

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
