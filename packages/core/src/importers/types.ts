import type { ConversationDraft, ImportFormat } from '../model.js';

export interface ImportContext {
  /** The import time, stamped into `source.importedAt`. */
  now: Date;
}

/** A conversation of the input that was not imported, and why. */
export interface SkippedConversation {
  index: number;
  path: string;
  title?: string;
  reason: string;
}

export interface ImportResult {
  format: ImportFormat;
  conversations: ConversationDraft[];
  skipped: SkippedConversation[];
}

/** Reads one foreign format. `detect` must be cheap: it runs on every upload. */
export interface Importer {
  format: ImportFormat;
  /** A human name for error messages ("ChatGPT export"). */
  label: string;
  detect(input: unknown): boolean;
  read(input: unknown, context: ImportContext): ImportResult;
}
