/**
 * Imports a whole export file for one user: read as a stream, each conversation stored as it
 * is read. If the file turns out to be unreadable part-way (truncated, not JSON), the
 * conversations already stored from it are removed again, so nothing is half-imported.
 */
import { importStream, type ImportFormat } from '@chatshare/core';
import type { ConversationRepository } from '../repositories/conversations.js';

export interface ImportReport {
  format: ImportFormat | null;
  imported: { index: number; id: string; title: string; messageCount: number }[];
  skipped: { index: number; path: string; title?: string; reason: string }[];
}

export async function importFile(
  deps: { conversations: ConversationRepository; now: () => Date },
  ownerId: string,
  chunks: AsyncIterable<Uint8Array | string>,
  options: { format?: ImportFormat; onProgress?: (report: ImportReport) => void } = {},
): Promise<ImportReport> {
  const report: ImportReport = { format: null, imported: [], skipped: [] };
  try {
    for await (const event of importStream(chunks, {
      now: deps.now(),
      ...(options.format ? { format: options.format } : {}),
    })) {
      if (event.type === 'format') report.format = event.format;
      else if (event.type === 'skipped')
        report.skipped.push({
          index: event.index,
          path: event.path,
          ...(event.title ? { title: event.title } : {}),
          reason: event.reason,
        });
      else {
        const stored = await deps.conversations.create(ownerId, event.draft);
        report.imported.push({
          index: event.index,
          id: stored.id,
          title: stored.title,
          messageCount: stored.messageCount,
        });
        options.onProgress?.(report);
      }
    }
  } catch (error) {
    for (const { id } of report.imported) await deps.conversations.delete(id);
    throw error;
  }
  return report;
}
