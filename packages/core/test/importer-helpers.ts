/** Shared by the importer tests: fixtures, soundness checks and path resolution. */
import { readFileSync } from 'node:fs';
import { Compile } from 'typebox/compile';
import { branchTo, findTreeProblems } from '../src/conversation.js';
import { isAppError } from '../src/errors.js';
import { ImportError } from '../src/importers/import-error.js';
import { parseImportText } from '../src/importers/index.js';
import { isObject, wellFormed } from '../src/importers/read-helpers.js';
import type { ImportResult } from '../src/importers/types.js';
import { ConversationInputSchema, type ConversationDraft, type Message } from '../src/model.js';

export const NOW = new Date('2025-06-01T12:00:00.000Z');
export const context = { now: NOW };

/** A fixture file under test/fixtures, parsed the way an upload is. */
export function fixture(format: string, name: string): unknown {
  return parseImportText(readFileSync(new URL(`./fixtures/${format}/${name}`, import.meta.url), 'utf8'));
}

export const branch = (draft: ConversationDraft): Message[] => branchTo(draft.messages, draft.currentLeafId);

/** The text parts of a message, joined. */
export const textOf = (message: Message): string =>
  message.parts
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('\n');

export const firstWords = (message: Message, count = 4): string =>
  textOf(message).trim().split(/\s+/).slice(0, count).join(' ');

export const partTypes = (message: Message): string[] => message.parts.map((part) => part.type);

const checkInput = Compile(ConversationInputSchema);

function illFormedStrings(value: unknown, path: string, found: string[], depth = 0): void {
  if (found.length > 3 || depth > 40) return;
  if (typeof value === 'string') {
    if (wellFormed(value) !== value) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => illFormedStrings(item, `${path}[${index}]`, found, depth + 1));
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (wellFormed(key) !== key) found.push(`${path} key`);
      illFormedStrings(item, `${path}.${key}`, found, depth + 1);
    }
  }
}

/** Everything wrong with a draft: tree problems, schema violations (limits, dates), lone surrogates. */
export function draftProblems(draft: ConversationDraft): string[] {
  const problems = findTreeProblems(draft.messages, draft.currentLeafId).map((p) => `${p.path}: ${p.message}`);
  const input = {
    title: draft.title,
    messages: draft.messages,
    currentLeafId: draft.currentLeafId,
    models: draft.models,
    ...(draft.context !== undefined ? { context: draft.context } : {}),
  };
  if (!checkInput.Check(input)) {
    for (const error of [...checkInput.Errors(input)].slice(0, 3)) {
      problems.push(`schema ${error.instancePath}: ${error.message}`);
    }
  }
  if (draft.messages.length === 0) problems.push('no messages');
  if (draft.currentLeafId === null) problems.push('no current leaf');
  const illFormed: string[] = [];
  illFormedStrings(draft, 'draft', illFormed);
  problems.push(...illFormed.map((path) => `lone surrogate at ${path}`));
  return problems;
}

/** Tokens of a path like `[3].mapping.abc["a b"].content`. */
export function parsePath(path: string): (string | number)[] | undefined {
  const tokens: (string | number)[] = [];
  const pattern = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([\w-]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while (consumed < path.length && (match = pattern.exec(path))) {
    if (match[1] !== undefined) tokens.push(Number(match[1]));
    else if (match[2] !== undefined) tokens.push(JSON.parse(match[2]) as string);
    else tokens.push(match[3]!);
    consumed = pattern.lastIndex;
  }
  return consumed === path.length ? tokens : undefined;
}

/** True when every step of `path` but the last exists in `input`: the error points into the file. */
export function pathPointsInto(input: unknown, path: string): boolean {
  if (path === '') return true;
  const tokens = parsePath(path);
  if (!tokens) return false;
  // Keys we had to shorten or repair cannot be followed back; the rest of the path was checked.
  if (tokens.some((token) => typeof token === 'string' && /[…\ufffd]/.test(token))) return true;
  let cursor: unknown = input;
  for (const token of tokens.slice(0, -1)) {
    if (typeof token === 'number' && Array.isArray(cursor) && token < cursor.length) cursor = cursor[token];
    else if (typeof token === 'string' && isObject(cursor) && Object.hasOwn(cursor, token)) cursor = cursor[token];
    else return false;
  }
  return true;
}

/**
 * Runs an import and checks the only outcomes we allow: a result whose drafts are all sound,
 * or an ImportError (or, when detecting, an unsupported-format AppError) pointing into the input.
 */
export function expectWellBehaved(input: unknown, run: () => ImportResult): void {
  let result: ImportResult;
  try {
    result = run();
  } catch (error) {
    if (error instanceof ImportError) {
      if (!pathPointsInto(input, error.path)) throw new Error(`ImportError path "${error.path}" is not in the input`);
      return;
    }
    if (isAppError(error) && error.code === 'unsupported_format') return;
    throw error;
  }
  for (const draft of result.conversations) {
    const problems = draftProblems(draft);
    if (problems.length > 0) throw new Error(`unsound draft: ${problems.join('; ')}`);
  }
  for (const skipped of result.skipped) {
    if (typeof skipped.reason !== 'string' || skipped.reason === '') throw new Error('a skip without a reason');
    if (!pathPointsInto(input, skipped.path)) throw new Error(`skipped path "${skipped.path}" is not in the input`);
  }
}

/** Asserts a whole result is sound (for the sample tests). */
export function soundResult(result: ImportResult): ImportResult {
  for (const draft of result.conversations) {
    const problems = draftProblems(draft);
    if (problems.length > 0) throw new Error(`unsound draft "${draft.title}": ${problems.join('; ')}`);
  }
  return result;
}
