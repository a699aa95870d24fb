/**
 * Reads a whole export file as a stream, one conversation at a time, so a 100 MB ChatGPT
 * export never has to sit in memory as one parsed value. Pure: it takes chunks from any
 * source (a file, an upload, a fetch body) and yields results; the caller does the I/O.
 *
 * A file that starts with `[` is streamed element by element; anything else (one
 * conversation object, `{ conversations: [...] }`, JSON Lines) is small in practice and is
 * read whole, up to `maxBufferedBytes`.
 */
import { JSONParser } from '@streamparser/json';
import { errors } from './errors.js';
import type { ConversationDraft, ImportFormat } from './model.js';
import { ImportError } from './importers/import-error.js';
import {
  findImporter,
  importConversations,
  IMPORTERS,
  parseImportText,
  readChecked,
  unsupportedFormatError,
} from './importers/index.js';
import type { Importer } from './importers/types.js';

export type ImportEvent =
  | { type: 'format'; format: ImportFormat }
  | { type: 'conversation'; index: number; draft: ConversationDraft; source: unknown }
  | { type: 'skipped'; index: number; path: string; title?: string; reason: string };

export interface StreamImportOptions {
  now: Date;
  format?: ImportFormat;
  /** Largest input read whole (files that are not a top-level array). */
  maxBufferedBytes?: number;
}

const DEFAULT_MAX_BUFFERED = 64 * 1024 * 1024;
const DETECT_WINDOW = 20;

/** Rewrites `[0].x` (a path inside a one-element batch) to `[index].x`. */
const reindex = (path: string, index: number) => path.replace(/^\[0\]/, `[${index}]`);

/** A bare OpenAI `messages` array is one conversation, not a list of them. */
const looksLikeMessage = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { role?: unknown }).role === 'string' &&
  !['mapping', 'chat_messages', 'chat', 'history'].some((key) => Object.hasOwn(value, key));

/**
 * Yields one event per conversation (imported or skipped), after a `format` event.
 * Throws ImportError when the file as a whole cannot be read (bad JSON, unknown format).
 */
export async function* importStream(
  chunks: AsyncIterable<Uint8Array | string>,
  options: StreamImportOptions,
): AsyncGenerator<ImportEvent> {
  const iterator = chunks[Symbol.asyncIterator]();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  // Read until the first meaningful character tells us which way to go.
  let head = '';
  let done = false;
  while (!done && head.trimStart() === '') {
    const next = await iterator.next();
    done = next.done === true;
    if (!done) head += typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true });
  }
  head = head.replace(/^\ufeff/, '');
  const rest: AsyncIterable<string> = {
    async *[Symbol.asyncIterator]() {
      if (head) yield head;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        yield typeof next.value === 'string' ? next.value : decoder.decode(next.value, { stream: true });
      }
      const tail = decoder.decode();
      if (tail) yield tail;
    },
  };
  if (head.trimStart().startsWith('[')) yield* streamArray(rest, options);
  else yield* readWhole(rest, options);
}

async function* readWhole(text: AsyncIterable<string>, options: StreamImportOptions): AsyncGenerator<ImportEvent> {
  const limit = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;
  let whole = '';
  for await (const piece of text) {
    whole += piece;
    if (whole.length > limit)
      throw errors.payloadTooLarge(`Files that are not a JSON array are read whole, up to ${limit} bytes.`);
  }
  yield* importWhole(parseImportText(whole), options, undefined);
}

/** Events for an input read whole: the format, then each conversation or skip in file order. */
function* importWhole(input: unknown, options: StreamImportOptions, source: unknown): Generator<ImportEvent> {
  const result = importConversations(input, {
    now: options.now,
    ...(options.format ? { format: options.format } : {}),
  });
  yield { type: 'format', format: result.format };
  yield* resultEvents(
    result.conversations.map((draft) => ({ draft, source })),
    result.skipped,
  );
}

function* resultEvents(
  conversations: { draft: ConversationDraft; source: unknown }[],
  skipped: { index: number; path: string; title?: string; reason: string }[],
): Generator<ImportEvent> {
  const events: Exclude<ImportEvent, { type: 'format' }>[] = [
    ...conversations.map(({ draft, source }, index) => ({ type: 'conversation' as const, index, draft, source })),
    ...skipped.map((skip) => ({ type: 'skipped' as const, ...skip })),
  ];
  yield* events.sort((a, b) => a.index - b.index);
}

async function* streamArray(text: AsyncIterable<string>, options: StreamImportOptions): AsyncGenerator<ImportEvent> {
  const parser = new JSONParser({ paths: ['$.*'], keepStack: false });
  const pending: unknown[] = [];
  parser.onValue = ({ value }) => void pending.push(value);
  let importer: Importer | undefined;
  let messages: unknown[] | undefined;
  let index = 0;
  // Elements seen before the format is known (a broken first conversation must not make the
  // whole file unreadable): held until one element tells the format, at most DETECT_WINDOW.
  const undetected: { element: unknown; at: number }[] = [];

  const read = function* (element: unknown, at: number): Generator<ImportEvent> {
    try {
      const result = readChecked(importer!, [element], { now: options.now });
      for (const draft of result.conversations) yield { type: 'conversation', index: at, draft, source: element };
      for (const skip of result.skipped) yield { type: 'skipped', ...skip, index: at, path: reindex(skip.path, at) };
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      yield { type: 'skipped', index: at, path: reindex(error.path, at), reason: error.message };
    }
  };

  const handle = function* (element: unknown): Generator<ImportEvent> {
    if (messages) return void messages.push(element);
    const at = index++;
    if (importer) return yield* read(element, at);
    if (at === 0 && looksLikeMessage(element)) return void (messages = [element]);
    const candidate = options.format ? findImporter(options.format) : IMPORTERS.find((one) => one.detect([element]));
    if (!candidate) {
      if (options.format) throw errors.unsupportedFormat(`Format "${options.format}" is not supported.`);
      undetected.push({ element, at });
      if (undetected.length >= DETECT_WINDOW) throw unsupportedFormatError();
      return;
    }
    if (!candidate.detect([element])) {
      if (undetected.length + 1 >= DETECT_WINDOW)
        throw new ImportError('', `The file is not in the ${candidate.label} format.`);
      undetected.push({ element, at });
      return;
    }
    importer = candidate;
    yield { type: 'format', format: importer.format };
    for (const held of undetected.splice(0)) yield* read(held.element, held.at);
    yield* read(element, at);
  };

  // Only the parser's own errors mean bad JSON; errors of the source (an upload cut off by a
  // size limit, a network failure) pass through as they are.
  const parse = (write: () => void) => {
    try {
      write();
    } catch (error) {
      throw new ImportError(`[${index}]`, `The file is not valid JSON (${(error as Error).message}).`);
    }
  };
  for await (const piece of text) {
    parse(() => parser.write(piece));
    while (pending.length > 0) yield* handle(pending.shift());
  }
  parse(() => {
    if (!parser.isEnded) parser.end();
  });
  while (pending.length > 0) yield* handle(pending.shift());
  if (messages) {
    yield* importWhole(messages, options, messages);
  } else if (!importer) {
    if (options.format)
      throw new ImportError(
        '',
        `The file is not in the ${findImporter(options.format)?.label ?? options.format} format.`,
      );
    if (undetected.length > 0) throw unsupportedFormatError();
    throw errors.unsupportedFormat('The file holds an empty list: there is nothing to import.');
  }
}
