/**
 * Plain OpenAI chat `messages`: a bare array, `{ messages: [...] }` (a fine-tuning line), or
 * fine-tuning JSONL (one such object per line; see `splitJsonLines`).
 */
import { cleanTitle, deriveTitle } from '../conversation.js';
import { LIMITS } from '../limits.js';
import type { ConversationDraft, Message, Part, Role } from '../model.js';
import { ImportError } from './import-error.js';
import { attachmentPart, capParts, describe, textPart, toolCallPart, toolResultPart } from './sanitize.js';
import { asArray, asString, isObject, wellFormed, type JsonObject } from './read-helpers.js';
import type { ImportContext, Importer, ImportResult } from './types.js';

// A Map, so a role such as "constructor" or "__proto__" is just an unknown role.
const ROLE_MAP = new Map<string, Role>([
  ['system', 'system'],
  ['developer', 'system'],
  ['user', 'user'],
  ['assistant', 'assistant'],
  ['tool', 'tool'],
  ['function', 'tool'],
]);

const looksLikeMessage = (value: unknown): boolean => isObject(value) && typeof value.role === 'string';

const isMessageList = (value: unknown): value is unknown[] =>
  Array.isArray(value) && value.length > 0 && value.every(looksLikeMessage);

/** `arguments` is a JSON string, sometimes a JSON string of a JSON string; keep text if neither. */
export function decodeArguments(raw: unknown): unknown {
  let value = raw;
  for (let depth = 0; depth < 2 && typeof value === 'string'; depth++) {
    try {
      value = JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function contentParts(content: unknown, path: string): Part[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return textPart(content);
  if (!Array.isArray(content)) throw new ImportError(path, 'content must be a string, null or an array of parts');
  return content.flatMap((item, index): Part[] => {
    if (typeof item === 'string') return textPart(item);
    if (!isObject(item)) throw new ImportError(`${path}[${index}]`, 'a content part must be an object');
    switch (item.type) {
      case 'text':
      case 'input_text':
      case 'output_text':
        return textPart(asString(item.text) ?? '');
      case 'refusal':
        return textPart(asString(item.refusal) ?? '');
      case 'image_url': {
        const url = isObject(item.image_url) ? asString(item.image_url.url) : asString(item.image_url);
        if (!url) return [];
        // Remote images are never fetched or embedded: keep them as a link.
        if (url.startsWith('data:image/') && url.length <= LIMITS.partTextLength) return [{ type: 'image', src: url }];
        return url.startsWith('data:') ? [attachmentPart('image', 'image')] : textPart(`[image](${url})`);
      }
      case 'input_audio': {
        const format = isObject(item.input_audio) ? asString(item.input_audio.format) : undefined;
        return [attachmentPart(`audio${format ? `.${format}` : ''}`, 'audio')];
      }
      case 'file': {
        const file = isObject(item.file) ? item.file : {};
        return [attachmentPart(asString(file.filename) ?? asString(file.file_id) ?? 'file')];
      }
      default:
        return [];
    }
  });
}

/** A list of OpenAI chat messages as a chain: each message's parent is the one before. */
export function readMessages(list: readonly unknown[], path: string): Message[] {
  const toolNames = new Map<string, string>();
  const messages: Message[] = [];
  list.forEach((raw, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(raw)) throw new ImportError(at, 'a message must be an object');
    const role = ROLE_MAP.get(asString(raw.role) ?? '');
    if (!role) throw new ImportError(`${at}.role`, `unknown role ${describe(raw.role)}`);
    const parts = contentParts(raw.content, `${at}.content`);
    for (const [callIndex, call] of asArray(raw.tool_calls).entries()) {
      const fn = isObject(call) && isObject(call.function) ? call.function : undefined;
      if (!fn) throw new ImportError(`${at}.tool_calls[${callIndex}]`, 'a tool call needs a function');
      const name = asString(fn.name) ?? 'tool';
      if (isObject(call) && typeof call.id === 'string') toolNames.set(call.id, name);
      parts.push(toolCallPart(name, decodeArguments(fn.arguments)));
    }
    if (isObject(raw.function_call)) {
      parts.push(
        toolCallPart(asString(raw.function_call.name) ?? 'function', decodeArguments(raw.function_call.arguments)),
      );
    }
    const toolParts = role === 'tool' ? toolResult(raw, parts, toolNames) : parts;
    const previous = messages.at(-1);
    messages.push({
      id: `m${index + 1}`,
      parentId: previous ? previous.id : null,
      role,
      ...(typeof raw.name === 'string' && raw.name && role !== 'tool'
        ? { author: wellFormed(raw.name.slice(0, 120)) }
        : {}),
      parts: capParts(toolParts),
    });
  });
  return messages;
}

function toolResult(raw: JsonObject, parts: Part[], toolNames: Map<string, string>): Part[] {
  const output = parts
    .map((part) => (part.type === 'text' ? part.text : ''))
    .filter(Boolean)
    .join('\n');
  const name = asString(raw.name) ?? toolNames.get(asString(raw.tool_call_id) ?? '');
  return [toolResultPart(output, name)];
}

function conversationFrom(list: unknown[], path: string, now: Date, title?: string): ConversationDraft {
  const messages = readMessages(list, path);
  return {
    title: cleanTitle(title, deriveTitle(messages)),
    messages,
    currentLeafId: messages.at(-1)?.id ?? null,
    models: [],
    source: { format: 'openai', importedAt: now.toISOString() },
  };
}

function readOne(input: unknown, path: string, context: ImportContext): ConversationDraft {
  if (Array.isArray(input)) return conversationFrom(input, path, context.now);
  if (isObject(input) && Array.isArray(input.messages)) {
    return conversationFrom(input.messages, `${path}${path ? '.' : ''}messages`, context.now, asString(input.title));
  }
  throw new ImportError(path, 'expected a messages array or an object with "messages"');
}

export const openaiImporter: Importer = {
  format: 'openai',
  label: 'OpenAI messages (array, { messages }, or fine-tuning JSONL)',
  detect: (input) =>
    isMessageList(input) ||
    // An Open WebUI chat also has a role-tagged `messages` list, but its tree lives in `history`.
    (isObject(input) &&
      !isObject(input.history) &&
      isMessageList(input.messages) &&
      !asArray(input.messages).some((m) => isObject(m) && Object.hasOwn(m, 'parts'))) ||
    (Array.isArray(input) && input.length > 0 && input.every((line) => isObject(line) && isMessageList(line.messages))),
  read(input, context): ImportResult {
    // A list of `{ messages }` objects is a parsed JSONL file: one conversation each.
    if (Array.isArray(input) && !isMessageList(input)) {
      const result: ImportResult = { format: 'openai', conversations: [], skipped: [] };
      input.forEach((line, index) => {
        try {
          result.conversations.push(readOne(line, `lines[${index}]`, context));
        } catch (error) {
          if (!(error instanceof ImportError)) throw error;
          result.skipped.push({ index, path: error.path, reason: error.message });
        }
      });
      return result;
    }
    return { format: 'openai', conversations: [readOne(input, '', context)], skipped: [] };
  },
};
