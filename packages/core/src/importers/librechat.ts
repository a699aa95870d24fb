/**
 * LibreChat "Export → JSON": one conversation, `{ conversationId, title, messagesTree | messages }`
 * where messages nest in `children` or list `parentMessageId`; see docs/formats.md §4.
 *
 * The export does not record which branch was on screen. We show the branch ending at the
 * most recently created leaf (ties and missing dates: the later one in the file), which is
 * the answer the user saw last.
 */
import type { Part } from '../model.js';
import { ImportError } from './import-error.js';
import { decodeArguments } from './openai.js';
import { asArray, asString, isObject, toIsoDate, type JsonObject } from './read-helpers.js';
import {
  attachmentPart,
  base64ImagePart,
  capParts,
  optionalText,
  pathTo,
  reasoningPart,
  textPart,
  toolCallPart,
  toolResultPart,
} from './sanitize.js';
import { assembleTree, finishDraft, sourceIdOf, type MessageBody, type SourceNode } from './tree-builder.js';
import type { ImportContext, ImportResult, Importer } from './types.js';

const ROOT = '00000000-0000-0000-0000-000000000000';

/** A text value: a string, or `{ value }` as the Assistants API stores it. */
const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : isObject(value) ? (asString(value.value) ?? '') : '';

function readToolCall(call: unknown): Part[] {
  if (!isObject(call)) return [];
  const fn = isObject(call.function) ? call.function : undefined;
  const interpreter = isObject(call.code_interpreter) ? call.code_interpreter : undefined;
  const name = fn ? fn.name : interpreter ? 'code_interpreter' : (call.name ?? call.type);
  const rawInput = fn ? fn.arguments : interpreter ? interpreter.input : call.args;
  const output = fn ? fn.output : interpreter ? logsOf(interpreter.outputs) : call.output;
  const parts: Part[] = [
    toolCallPart(name, typeof rawInput === 'string' ? decodeArguments(rawInput) : (rawInput ?? {})),
  ];
  if (typeof output === 'string' && output.trim()) parts.push(toolResultPart(output, name));
  return parts;
}

const logsOf = (outputs: unknown): string =>
  asArray(outputs)
    .map((item) => (isObject(item) ? (asString(item.logs) ?? '') : ''))
    .filter(Boolean)
    .join('\n');

function readPart(part: unknown): Part[] {
  if (!isObject(part)) return [];
  switch (part.type) {
    case 'text':
      return textPart(textOf(part.text));
    case 'think':
      return reasoningPart(textOf(part.think));
    case 'tool_call':
      return readToolCall(part.tool_call);
    case 'image_file': {
      const file = isObject(part.image_file) ? part.image_file : {};
      return [attachmentPart(file.filename ?? file.file_id, 'image')];
    }
    case 'image_url': {
      const url = isObject(part.image_url) ? asString(part.image_url.url) : asString(part.image_url);
      const inline = /^data:(image\/[\w.+-]+);base64,/i.exec(url ?? '');
      return [inline ? base64ImagePart(inline[1], url!.slice(inline[0].length)) : attachmentPart('image', 'image')];
    }
    case 'error':
      return textPart(textOf(part.error));
    default:
      return [];
  }
}

function readMessage(raw: JsonObject): MessageBody | null {
  const content = asArray(raw.content);
  const parts = content.length > 0 ? content.flatMap(readPart) : textPart(asString(raw.text) ?? '');
  for (const file of asArray(raw.files)) {
    if (isObject(file)) parts.push(attachmentPart(file.filename ?? file.file_id, file.type));
  }
  if (parts.length === 0) return null;
  const author = optionalText(raw.sender, 120);
  const createdAt = toIsoDate(raw.createdAt);
  const model = optionalText(raw.model, 200);
  return {
    role: raw.isCreatedByUser === true ? 'user' : 'assistant',
    ...(author ? { author } : {}),
    parts: capParts(parts),
    ...(createdAt ? { createdAt } : {}),
    ...(raw.unfinished === true || raw.finish_reason === 'incomplete' ? { status: 'incomplete' as const } : {}),
    ...(model ? { model } : {}),
  };
}

interface Found {
  raw: JsonObject;
  path: string;
  /** Index of the message this one is nested in, if any. */
  container: number | null;
}

/** Every message, nested ones included, in document order (iteratively: trees can be deep). */
function collect(list: unknown[], path: string): Found[] {
  const found: Found[] = [];
  const stack: { value: unknown; path: string; container: number | null }[] = list
    .map((value, index) => ({ value, path: pathTo(path, index), container: null }))
    .reverse();
  while (stack.length > 0) {
    const { value, path: at, container } = stack.pop()!;
    if (!isObject(value)) throw new ImportError(at, 'a message must be an object');
    const index = found.push({ raw: value, path: at, container }) - 1;
    const children = asArray(value.children);
    for (let child = children.length - 1; child >= 0; child--) {
      stack.push({ value: children[child], path: pathTo(pathTo(at, 'children'), child), container: index });
    }
  }
  return found;
}

/** Index of the latest leaf by `createdAt`; a later leaf wins a tie. */
function latestLeaf(leaves: readonly MessageBody[]): number {
  let best = -1;
  let bestTime = Number.NEGATIVE_INFINITY;
  leaves.forEach((leaf, index) => {
    const time = leaf.createdAt ? Date.parse(leaf.createdAt) : Number.NEGATIVE_INFINITY;
    if (time >= bestTime) {
      best = index;
      bestTime = time;
    }
  });
  return best;
}

function readConversation(input: JsonObject, { now }: ImportContext) {
  const key = Array.isArray(input.messagesTree) ? 'messagesTree' : 'messages';
  const found = collect(asArray(input[key]), key);
  const keyOf = new Map<string, string>();
  const keys = found.map(({ raw }, index) => {
    const id = raw.messageId;
    if (typeof id === 'string' && !keyOf.has(id)) {
      keyOf.set(id, `m:${id}`);
      return `m:${id}`;
    }
    return `i:${index}`;
  });
  const nodes = found.map(({ raw, path, container }, index): SourceNode => {
    const parent = raw.parentMessageId;
    // Nesting is authoritative; a top-level message names its parent (several roots are possible).
    const parentKey =
      container !== null
        ? keys[container]!
        : typeof parent === 'string' && parent !== ROOT
          ? (keyOf.get(parent) ?? null)
          : null;
    return {
      key: keys[index]!,
      sourceId: raw.messageId,
      parentKey,
      message: readMessage(raw),
      parentPath: pathTo(path, 'parentMessageId'),
    };
  });
  const tree = assembleTree(nodes, { chooseLeaf: latestLeaf, path: '' });
  const options = isObject(input.options) ? input.options : {};
  return finishDraft({
    ...tree,
    title: input.title,
    models: [options.model],
    format: 'librechat',
    sourceId: sourceIdOf(input.conversationId),
    now,
    path: '',
  });
}

const isExport = (input: unknown): input is JsonObject =>
  isObject(input) &&
  typeof input.conversationId === 'string' &&
  (Array.isArray(input.messagesTree) || Array.isArray(input.messages));

export const librechatImporter: Importer = {
  format: 'librechat',
  label: 'LibreChat export (JSON)',
  detect: isExport,
  read(input, context): ImportResult {
    if (!isExport(input)) throw new ImportError('', 'expected a LibreChat export with conversationId and messages');
    return { format: 'librechat', conversations: [readConversation(input, context)], skipped: [] };
  },
};
