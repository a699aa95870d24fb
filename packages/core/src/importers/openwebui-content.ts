/**
 * An Open WebUI message's content to parts. Assistant content embeds HTML `<details>` blocks
 * for reasoning, tool calls and code runs; they become parts and never stay in the text as HTML.
 */
import type { Part, Role } from '../model.js';
import { decodeArguments } from './openai.js';
import { asArray, asString, isObject, type JsonObject } from './read-helpers.js';
import {
  attachmentPart,
  base64ImagePart,
  codePart,
  decodeEntities,
  reasoningPart,
  textPart,
  toolCallPart,
  toolResultPart,
} from './sanitize.js';

const BLOCK_TYPES = new Set(['reasoning', 'tool_calls', 'code_interpreter']);

interface OpenTag {
  attributes: Map<string, string>;
  end: number;
}

/** Calls and results from the message's `output[]`, for `<details>` blocks that lack attributes. */
interface OutputCalls {
  calls: { name?: unknown; arguments?: unknown; callId?: unknown }[];
  results: Map<unknown, string>;
}

export function readOpenWebuiContent(message: JsonObject, role: Role): Part[] {
  const parts = readFiles(message.files);
  const content = asString(message.content) ?? '';
  const output = asArray(message.output);
  const fromContent = role === 'assistant' ? readBlocks(content, outputCalls(output)) : textPart(content);
  // Newer versions may keep the reply only in `output[]`.
  parts.push(...(fromContent.length > 0 ? fromContent : readOutput(output)));
  return parts;
}

function readFiles(files: unknown): Part[] {
  return asArray(files).flatMap((file): Part[] => {
    if (!isObject(file)) return [];
    const inner = isObject(file.file) ? file.file : {};
    const name = file.name ?? inner.filename;
    const url = asString(file.url) ?? '';
    const inline = /^data:(image\/[\w.+-]+);base64,/i.exec(url);
    if (inline) return [base64ImagePart(inline[1], url.slice(inline[0].length), name)];
    const meta = isObject(inner.meta) ? inner.meta : {};
    return [attachmentPart(name ?? file.type, file.type === 'image' ? 'image' : meta.content_type)];
  });
}

function outputCalls(output: unknown[]): OutputCalls {
  const calls: OutputCalls['calls'] = [];
  const results = new Map<unknown, string>();
  for (const item of output) {
    if (!isObject(item)) continue;
    if (item.type === 'function_call') calls.push({ name: item.name, arguments: item.arguments, callId: item.call_id });
    if (item.type === 'function_call_output') results.set(item.call_id, outputText(item.output));
  }
  return { calls, results };
}

const outputText = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : asArray(value)
        .map((item) => (isObject(item) ? (asString(item.text) ?? '') : typeof item === 'string' ? item : ''))
        .filter(Boolean)
        .join('\n');

function readOutput(output: unknown[]): Part[] {
  const names = new Map<unknown, unknown>();
  return output.flatMap((item): Part[] => {
    if (!isObject(item)) return [];
    switch (item.type) {
      case 'reasoning':
        return reasoningPart(outputText(item.content) || outputText(item.summary));
      case 'message':
        return textPart(outputText(item.content));
      case 'function_call':
        names.set(item.call_id, item.name);
        return [toolCallPart(item.name, decodeArguments(item.arguments))];
      case 'function_call_output': {
        const text = outputText(item.output);
        return text.trim() ? [toolResultPart(text, names.get(item.call_id))] : [];
      }
      default:
        return [];
    }
  });
}

/** Text with the known `<details>` blocks turned into parts, in the order they appear. */
function readBlocks(content: string, output: OutputCalls): Part[] {
  const parts: Part[] = [];
  const tags = /<(\/?)details\b/gi;
  let textStart = 0;
  let toolIndex = 0;
  for (let match = tags.exec(content); match; match = tags.exec(content)) {
    if (match[1]) continue;
    const open = readOpenTag(content, match.index + match[0].length);
    // An unterminated tag swallows the rest, as in HTML; skipping what was read keeps this linear.
    if (!open) break;
    const type = open.attributes.get('type') ?? '';
    if (!BLOCK_TYPES.has(type)) {
      tags.lastIndex = open.end;
      continue;
    }
    // The matching close tag, counting nested blocks; an unclosed block runs to the end.
    let depth = 1;
    let bodyEnd = content.length;
    let blockEnd = content.length;
    tags.lastIndex = open.end;
    for (let inner = tags.exec(content); inner; inner = tags.exec(content)) {
      depth += inner[1] ? -1 : 1;
      if (depth === 0) {
        bodyEnd = inner.index;
        const close = content.indexOf('>', inner.index);
        blockEnd = close < 0 ? content.length : close + 1;
        break;
      }
    }
    parts.push(...textPart(content.slice(textStart, match.index).trim()));
    const body = withoutSummary(content.slice(open.end, bodyEnd));
    if (type === 'reasoning') parts.push(...reasoningPart(unquote(decodeEntities(body))));
    else if (type === 'tool_calls') parts.push(...toolParts(open.attributes, body, output, toolIndex++));
    else parts.push(...codeRunParts(open.attributes, body));
    textStart = blockEnd;
    tags.lastIndex = blockEnd;
  }
  parts.push(...textPart(content.slice(textStart).trim()));
  return parts;
}

/** Attributes of an opening tag from `index` (just after the tag name), read by hand so no regex can backtrack. */
function readOpenTag(text: string, index: number): OpenTag | undefined {
  const attributes = new Map<string, string>();
  const isSpace = (char: string) => /\s/.test(char);
  let at = index;
  while (at < text.length) {
    const char = text.charAt(at);
    if (char === '>') return { attributes, end: at + 1 };
    if (isSpace(char) || char === '/') {
      at++;
      continue;
    }
    let nameEnd = at;
    while (nameEnd < text.length && !/[\s=>/]/.test(text.charAt(nameEnd))) nameEnd++;
    const name = text.slice(at, nameEnd).toLowerCase();
    at = nameEnd;
    while (at < text.length && isSpace(text.charAt(at))) at++;
    let value = '';
    if (text.charAt(at) === '=') {
      at++;
      while (at < text.length && isSpace(text.charAt(at))) at++;
      const quote = text.charAt(at);
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, at + 1);
        if (close < 0) return undefined;
        value = text.slice(at + 1, close);
        at = close + 1;
      } else {
        let valueEnd = at;
        while (valueEnd < text.length && !/[\s>]/.test(text.charAt(valueEnd))) valueEnd++;
        value = text.slice(at, valueEnd);
        at = valueEnd;
      }
    }
    if (name && !attributes.has(name)) attributes.set(name, decodeEntities(value));
  }
  return undefined;
}

const withoutSummary = (body: string): string => body.replace(/^\s*<summary\b[^>]*>[\s\S]*?<\/summary\s*>/i, '');

/** Open WebUI shows reasoning as a Markdown quote: drop the `> ` it added to each line. */
const unquote = (text: string): string =>
  text
    .split('\n')
    .map((line) => line.replace(/^\s*>\s?/, ''))
    .join('\n')
    .trim();

/** Results are stored JSON-encoded: a JSON string is unwrapped, anything else kept as written. */
function unwrap(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' ? parsed : text;
  } catch {
    return text;
  }
}

function toolParts(attributes: Map<string, string>, body: string, output: OutputCalls, index: number): Part[] {
  const fallback = output.calls[index];
  const name = attributes.get('name') ?? fallback?.name;
  const args = attributes.get('arguments') ?? fallback?.arguments;
  const result =
    attributes.get('result') ?? (decodeEntities(body).trim() || output.results.get(fallback?.callId) || '');
  const parts: Part[] = [];
  if (typeof name === 'string' && name.trim()) {
    parts.push(toolCallPart(name, args === undefined || args === '' ? {} : decodeArguments(args)));
  }
  if (result.trim()) parts.push(toolResultPart(unwrap(result.trim()), name));
  return parts;
}

function codeRunParts(attributes: Map<string, string>, body: string): Part[] {
  const source = decodeEntities(body).trim();
  const fenced = /^```([\w+-]*)\n([\s\S]*?)\n?```$/.exec(source);
  const parts = fenced ? codePart(fenced[2] ?? '', fenced[1]) : codePart(source);
  const raw = attributes.get('output');
  if (raw?.trim()) {
    let text = raw;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isObject(parsed)) {
        text = [parsed.stdout, parsed.stderr, parsed.result]
          .filter((v) => typeof v === 'string' && v !== '')
          .join('\n');
      }
    } catch {
      // Not JSON: show it as written.
    }
    if (text.trim()) parts.push(toolResultPart(text, 'code_interpreter'));
  }
  return parts;
}
