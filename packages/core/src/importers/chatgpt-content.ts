/** One ChatGPT export message (`mapping[id].message`) to our parts, and the rules for hiding it. */
import { LIMITS } from '../limits.js';
import type { Part, Role } from '../model.js';
import { ImportError } from './import-error.js';
import { asArray, asString, isObject, toIsoDate, type JsonObject } from './read-helpers.js';
import {
  attachmentPart,
  capParts,
  codePart,
  optionalText,
  pathTo,
  reasoningPart,
  textPart,
  toolResultPart,
} from './sanitize.js';
import type { MessageBody } from './tree-builder.js';

const ROLES: ReadonlyMap<unknown, Role> = new Map<unknown, Role>([
  ['system', 'system'],
  ['user', 'user'],
  ['assistant', 'assistant'],
  ['tool', 'tool'],
]);

/** Tool output a reader wants to see; other tool messages are plumbing (browsing state, memory updates). */
const SHOWN_TOOL_CONTENT = new Set(['execution_output', 'multimodal_text', 'tether_quote']);

/**
 * The message as shown, or null when ChatGPT hides it. Custom instructions
 * (`user_editable_context`) are never shown: their text goes to `contexts`.
 */
export function readChatgptMessage(raw: unknown, path: string, contexts: string[]): MessageBody | null {
  if (raw === null || raw === undefined) return null;
  if (!isObject(raw)) throw new ImportError(path, 'a message must be an object or null');
  const contentPath = pathTo(path, 'content');
  const content = raw.content;
  if (content !== undefined && content !== null && !isObject(content)) {
    throw new ImportError(contentPath, 'content must be an object');
  }
  const contentType = isObject(content) ? asString(content.content_type) : undefined;
  if (isObject(content) && contentType === 'user_editable_context') {
    const text = [content.user_profile, content.user_instructions].filter(
      (value): value is string => typeof value === 'string' && value.trim() !== '',
    );
    if (text.length > 0) contexts.push(text.join('\n\n'));
    return null;
  }
  const author = isObject(raw.author) ? raw.author : {};
  const metadata = isObject(raw.metadata) ? raw.metadata : {};
  const role = ROLES.get(author.role);
  if (!role || !isObject(content) || isHidden(role, raw, metadata, contentType)) return null;

  const parts = capParts(readContent(content, contentPath, role, author, metadata));
  if (parts.length === 0) return null;
  const createdAt = toIsoDate(raw.create_time, 'seconds');
  const model = optionalText(metadata.model_slug, 200);
  const finish = isObject(metadata.finish_details) ? metadata.finish_details.type : undefined;
  const toolName = role === 'tool' ? optionalText(author.name, 120) : undefined;
  return {
    role,
    ...(toolName ? { author: toolName } : {}),
    parts,
    ...(createdAt ? { createdAt } : {}),
    ...(raw.status === 'in_progress' || finish === 'interrupted' ? { status: 'incomplete' as const } : {}),
    ...(model ? { model } : {}),
  };
}

function isHidden(role: Role, raw: JsonObject, metadata: JsonObject, contentType: string | undefined): boolean {
  if (metadata.is_visually_hidden_from_conversation === true) return true;
  if (role === 'system') return metadata.is_user_system_message !== true;
  if (role === 'tool') return !SHOWN_TOOL_CONTENT.has(contentType ?? '');
  // Calls addressed to a tool are plumbing, except Code Interpreter code: its output is shown, so is the code.
  const recipient = raw.recipient;
  if (role === 'assistant' && typeof recipient === 'string' && recipient !== 'all') {
    return !(recipient === 'python' && contentType === 'code');
  }
  return false;
}

function readContent(content: JsonObject, path: string, role: Role, author: JsonObject, metadata: JsonObject): Part[] {
  switch (content.content_type) {
    case 'text':
    case 'multimodal_text':
      return readParts(content.parts, pathTo(path, 'parts'), role, metadata);
    case 'code':
      return codePart(asString(content.text) ?? '', content.language);
    case 'execution_output': {
      const text = asString(content.text) ?? '';
      return text.trim() === '' ? [] : [toolResultPart(text, author.name ?? 'python')];
    }
    case 'thoughts':
      return asArray(content.thoughts).flatMap((thought) => {
        if (!isObject(thought)) return [];
        const summary = asString(thought.summary)?.trim() ?? '';
        const body = asString(thought.content)?.trim() ?? '';
        return reasoningPart(summary && body && summary !== body ? `${summary}\n\n${body}` : body || summary);
      });
    case 'reasoning_recap':
      return reasoningPart(asString(content.content) ?? '');
    case 'tether_quote': {
      const text = asString(content.text) ?? '';
      const url = asString(content.url);
      return text.trim() === ''
        ? []
        : [toolResultPart(url ? `${text}\n\n${url}` : text, content.title ?? content.domain)];
    }
    default:
      return [];
  }
}

function readParts(parts: unknown, path: string, role: Role, metadata: JsonObject): Part[] {
  if (parts === undefined || parts === null) return [];
  if (!Array.isArray(parts)) throw new ImportError(path, 'parts must be an array');
  const result: Part[] = [];
  const pointed = new Set<string>();
  for (const part of parts) {
    if (typeof part === 'string') {
      result.push(...textPart(role === 'assistant' ? resolveCitations(part, metadata) : part));
    } else if (isObject(part)) {
      result.push(...readObjectPart(part, pointed));
    }
  }
  // Uploaded files that no image pointer stands for (PDFs, documents) are listed by name.
  for (const file of asArray(metadata.attachments)) {
    if (!isObject(file) || (typeof file.id === 'string' && pointed.has(file.id))) continue;
    result.push(attachmentPart(file.name ?? file.id, file.mime_type));
  }
  return result;
}

function readObjectPart(part: JsonObject, pointed: Set<string>): Part[] {
  const kind = asString(part.content_type) ?? '';
  if (kind === 'audio_transcription') return textPart(asString(part.text) ?? '');
  const pointer = isObject(part.audio_asset_pointer) ? part.audio_asset_pointer.asset_pointer : part.asset_pointer;
  if (typeof pointer !== 'string') return [];
  // The export carries no image bytes: keep a named placeholder for the file.
  const name = assetFileName(pointer);
  pointed.add(name);
  const mediaType = kind.startsWith('image') ? 'image' : kind.includes('video') ? 'video' : 'audio';
  return [attachmentPart(name, mediaType)];
}

/** `file-service://file-abc` or `sediment://file_00…` → `file-abc` / `file_00…`. */
function assetFileName(pointer: string): string {
  const name =
    pointer
      .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
      .split('/')
      .pop() ?? '';
  return name.trim() === '' ? 'image' : name;
}

/**
 * Replaces citation markers with the link text ChatGPT shows (`content_references[].alt`)
 * and drops the private-use tokens (U+E200–U+E206) newer exports wrap citations in.
 */
function resolveCitations(text: string, metadata: JsonObject): string {
  let result = text;
  for (const reference of asArray(metadata.content_references).slice(0, 100)) {
    if (!isObject(reference)) continue;
    const matched = reference.matched_text;
    if (typeof matched !== 'string' || matched.trim().length < 3 || matched.length > 1000) continue;
    const alt = typeof reference.alt === 'string' ? reference.alt : '';
    const pieces = result.split(matched);
    // A short marker with a long replacement could multiply the text: such a reference is left alone.
    if (result.length + (pieces.length - 1) * (alt.length - matched.length) > LIMITS.partTextLength) continue;
    result = pieces.join(alt);
  }
  if (!/[\ue200-\ue206]/.test(result)) return result;
  return result
    .replace(
      /([ \t]*)\ue200([a-z_]{1,40})\ue202([^\ue200\ue201]{0,2000})\ue201/g,
      (_token, space: string, kind: string, args: string) => (kind === 'entity' ? `${space}${entityName(args)}` : ''),
    )
    .replace(/[\ue200-\ue206]/g, '');
}

/** An entity token's arguments are a JSON array whose second item is the name to show. */
function entityName(args: string): string {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && typeof parsed[1] === 'string' ? parsed[1] : '';
  } catch {
    return '';
  }
}
