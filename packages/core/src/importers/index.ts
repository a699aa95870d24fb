/**
 * Format detection and dispatch. Each importer is pure: JSON in, drafts out. To add a format,
 * write an `Importer` and list it in `IMPORTERS` (more specific formats first).
 */
import { errors } from '../errors.js';
import type { ImportFormat } from '../model.js';
import { draftProblem } from '../model-guard.js';
import { chatgptImporter } from './chatgpt.js';
import { chatshareImporter } from './chatshare.js';
import { chatshareFileImporter } from './chatshare-file-importer.js';
import { claudeImporter } from './claude.js';
import { ImportError } from './import-error.js';
import { librechatImporter } from './librechat.js';
import { openaiImporter } from './openai.js';
import { openwebuiImporter } from './openwebui.js';
import type { ImportContext, Importer, ImportResult } from './types.js';

/**
 * Tried in order. The file shapes do not overlap (a chatshare file: an object with
 * `format: "chatshare"`; ChatGPT: items with `mapping`; Claude: items
 * with `chat_messages`; Open WebUI: rows with `chat` or chats with `history`; LibreChat: an
 * object with `conversationId`), but a bare Open WebUI chat also has a `messages` list with
 * roles, so the generic OpenAI reader comes last.
 */
export const IMPORTERS: readonly Importer[] = [
  chatshareImporter,
  chatshareFileImporter,
  chatgptImporter,
  claudeImporter,
  openwebuiImporter,
  librechatImporter,
  openaiImporter,
];

/**
 * The importer of `format`. Two read `chatshare` (our model as the API takes it, and the
 * downloaded file), so with the input at hand the one that recognises it is chosen.
 */
export function findImporter(format: ImportFormat, input?: unknown): Importer | undefined {
  const candidates = IMPORTERS.filter((importer) => importer.format === format);
  return (input !== undefined && candidates.find((importer) => importer.detect(input))) || candidates[0];
}

/** The importer whose `detect` accepts the input, or an `unsupported_format` error naming what we read. */
/** The error for input no importer recognises; it names the formats chatshare reads. */
export const unsupportedFormatError = () =>
  errors.unsupportedFormat(
    `The input matches none of the formats chatshare reads: ${IMPORTERS.map((candidate) => candidate.label).join('; ')}.`,
  );

export function detectImporter(input: unknown): Importer {
  const importer = IMPORTERS.find((candidate) => candidate.detect(input));
  if (importer) return importer;
  throw unsupportedFormatError();
}

/** Imports an already parsed input in the given format, or the detected one. */
export function importConversations(input: unknown, context: ImportContext & { format?: ImportFormat }): ImportResult {
  const importer = context.format ? findImporter(context.format, input) : detectImporter(input);
  if (!importer) throw errors.unsupportedFormat(`Format "${context.format}" is not supported.`);
  if (context.format && !importer.detect(input)) {
    throw new ImportError('', `The input is not in the ${importer.label} format.`);
  }
  return readChecked(importer, input, context);
}

/**
 * `importer.read`, and every draft it returns checked against the model: a draft that misses
 * it (an importer fault, never to be stored) fails the whole input with an ImportError.
 */
export function readChecked(importer: Importer, input: unknown, context: ImportContext): ImportResult {
  const result = importer.read(input, context);
  result.conversations.forEach((draft, index) => {
    const problem = draftProblem(draft);
    if (problem) {
      const at = result.conversations.length > 1 ? `conversations[${index}]` : '';
      throw new ImportError(at, `the conversation does not match the model (${problem.path}: ${problem.message})`);
    }
  });
  return result;
}

/**
 * Parses an uploaded file's text: JSON, or JSON Lines (one JSON value per line), which
 * becomes an array of the lines' values. A parse error names the line.
 */
export function parseImportText(text: string): unknown {
  const trimmed = text.replace(/^\ufeff/, '').trim();
  try {
    return JSON.parse(trimmed);
  } catch (error) {
    const lines = trimmed.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.length < 2) throw new ImportError('', `The file is not valid JSON (${(error as Error).message}).`);
    return lines.map((line, index) => {
      try {
        return JSON.parse(line);
      } catch (lineError) {
        throw new ImportError(`lines[${index}]`, `not valid JSON (${(lineError as Error).message})`);
      }
    });
  }
}

export { chatgptImporter } from './chatgpt.js';
export * from './chatshare-file.js';
export { chatshareFileImporter } from './chatshare-file-importer.js';
export { claudeImporter } from './claude.js';
export { ImportError, isImportError } from './import-error.js';
export { librechatImporter } from './librechat.js';
export { NewMessageSchema, readNewMessages, type NewMessage } from './new-messages.js';
export { openwebuiImporter } from './openwebui.js';
export type { ImportContext, Importer, ImportResult, SkippedConversation } from './types.js';
