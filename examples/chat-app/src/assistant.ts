/**
 * The stand-in assistant: no model and no network, just a deterministic reply built from the
 * last message. It answers in markdown (bold text, a list, a code block) so the shared page has
 * formatting to show. A real app would call its model here; `reply` already has that shape.
 */
import type { ChatMessage } from './chats';

/** Recorded as the model of every reply, so the shared page says what wrote them. */
export const STAND_IN_MODEL = 'stand-in-assistant';

/** Long enough to see the "writing" state, short enough not to be in the way. */
const THINKING_MS = 300;

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** The reply to the conversation so far (the last message is the person's). */
export function standInReply(history: readonly ChatMessage[]): string {
  const last = history.at(-1)?.text.trim() ?? '';
  const turn = history.filter((message) => message.role === 'user').length;
  const count = words(last).length;
  const longest = words(last).reduce((best, word) => (word.length > best.length ? word : best), '');
  const excerpt = last.length > 40 ? `${last.slice(0, 39).trimEnd()}…` : last;
  return [
    `**Stand-in reply ${turn}.** No AI model wrote this: the example app answers every message the same way.`,
    '',
    `You wrote ${count} ${count === 1 ? 'word' : 'words'}. A real assistant might now:`,
    '',
    `- answer “${excerpt}”`,
    `- ask what you mean by “${longest.replace(/[^\p{L}\p{N}'-]/gu, '') || excerpt}”`,
    '- suggest sharing this chat with the **Share** button',
    '',
    '```ts',
    `const message = ${JSON.stringify(last)};`,
    `console.log(message.length); // ${last.length}`,
    '```',
  ].join('\n');
}

/** The stand-in's answer after a short pause, the way a model call would resolve. */
export function reply(history: readonly ChatMessage[]): Promise<string> {
  return new Promise((resolve) => setTimeout(() => resolve(standInReply(history)), THINKING_MS));
}
