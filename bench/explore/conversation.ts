/**
 * One generated shared conversation: a title of 3–8 words and 2–6 messages holding 1–4 KB of
 * text drawn by Zipf rank, with a code block in about a third of the answers, as a snapshot
 * exactly as a share stores it (core's `Snapshot`).
 */
import type { Part, SharedMessage, Snapshot } from '@chatshare/core';
import { between, pick, zipf, type Random } from './random.js';
import { buildVocabulary, FUNCTION_WORD_COUNT } from './vocabulary.js';

export const VOCABULARY_SIZE = 50_000;
export const vocabulary = buildVocabulary(VOCABULARY_SIZE);
const wordRank = zipf(VOCABULARY_SIZE);
// Titles name a topic: no function words ("Docker cache layer", not "the of and").
const topicRank = zipf(VOCABULARY_SIZE - FUNCTION_WORD_COUNT);
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet', 'llama-3.1-70b', 'o1-mini'];
const LANGUAGES = ['python', 'typescript', 'bash', 'sql', 'json'];

function sentence(random: Random): string {
  const words: string[] = [];
  const length = between(random, 6, 22);
  for (let i = 0; i < length; i++) words.push(vocabulary[wordRank(random)]!);
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}${pick(random, ['.', '.', '.', '?', '!'])}`;
}

function prose(random: Random, chars: number): string {
  let text = '';
  while (text.length < chars) text += (text ? ' ' : '') + sentence(random);
  return text;
}

/** Identifiers made of topic words, as code mixes them (`cacheKey`, `parse_request`). */
function code(random: Random): string {
  const name = () => vocabulary[FUNCTION_WORD_COUNT + topicRank(random)]!.replace(/\s+/g, '_');
  const lines: string[] = [];
  for (let i = between(random, 3, 8); i > 0; i--) {
    lines.push(`${name()}_${name()} = ${name()}(${name()}, "${name()}")  # ${name()} ${name()}`);
  }
  return lines.join('\n');
}

export function conversationTitle(random: Random): string {
  const words: string[] = [];
  for (let i = between(random, 3, 8); i > 0; i--) words.push(vocabulary[FUNCTION_WORD_COUNT + topicRank(random)]!);
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

export function conversationSnapshot(random: Random, title: string): Snapshot {
  const model = pick(random, MODELS);
  const messageCount = 2 * between(random, 1, 3);
  // About 1–4 KB of text in all, code included.
  const budget = between(random, 900, 3400);
  const messages: SharedMessage[] = [];
  for (let index = 0; index < messageCount; index++) {
    const user = index % 2 === 0;
    // Questions are short; answers take the rest of the text budget.
    const chars = user ? between(random, 60, 300) : Math.max(200, budget / (messageCount / 2) - 200);
    const parts: Part[] = [{ type: 'text', text: prose(random, chars) }];
    if (!user && random() < 0.33) parts.push({ type: 'code', language: pick(random, LANGUAGES), text: code(random) });
    messages.push({
      id: `m${index + 1}`,
      parentId: index === 0 ? null : `m${index}`,
      role: user ? 'user' : 'assistant',
      parts,
      ...(user ? {} : { model }),
    });
  }
  return { format: 1, title, models: [model], messages };
}
