/**
 * Turns a conversation into ready HTML fragments once: markdown, highlighted code and math
 * are the expensive part of a render, and this keeps the React components plain and fast.
 */
import type { Part } from '@chatshare/core';
import { codeBlockHtml, type CodeLabels } from '../markdown/code-block.js';
import { languageFromInfo } from '../markdown/highlight.js';
import { renderMarkdown } from '../markdown/index.js';
import { mathStylesheet, type MathStyles } from '../markdown/math-styles.js';
import type { Translate } from './strings.js';
import type { ViewConversation, ViewMessage } from './types.js';

export interface PreparedPart {
  part: Part;
  /** Safe HTML for text, reasoning, code and tool parts. */
  html?: string;
}

export interface PreparedMessage {
  message: ViewMessage;
  parts: PreparedPart[];
}

export interface PreparedConversation {
  messages: PreparedMessage[];
  /** Rules for the classes that carry KaTeX's layout; empty when there is no math. */
  mathCss: string;
  hasMath: boolean;
}

function toolInput(input: unknown): string {
  if (typeof input === 'string') return input;
  try {
    return JSON.stringify(input, null, 2) ?? '';
  } catch {
    return String(input);
  }
}

function preparePart(part: Part, message: ViewMessage, labels: CodeLabels, mathStyles: MathStyles): PreparedPart {
  switch (part.type) {
    case 'text':
      // What people type is shown with its line breaks; model output is markdown as written.
      return { part, html: renderMarkdown(part.text, { labels, mathStyles, breaks: message.role === 'user' }) };
    case 'reasoning':
      return { part, html: renderMarkdown(part.text, { labels, mathStyles }) };
    case 'code':
      return { part, html: codeBlockHtml(part.text, languageFromInfo(part.language), labels) };
    case 'tool_call':
      return {
        part,
        html: codeBlockHtml(toolInput(part.input), typeof part.input === 'string' ? null : 'json', labels),
      };
    case 'tool_result':
      return { part, html: codeBlockHtml(part.output, null, labels) };
    default:
      return { part };
  }
}

/** Renders every part of every visible message; system messages are never shown. */
export function prepareConversation(conversation: ViewConversation, t: Translate): PreparedConversation {
  const labels = { copy: t('view.copy'), copied: t('view.copied') };
  const mathStyles: MathStyles = new Map();
  let hasMath = false;
  const messages = conversation.messages
    .filter((message) => message.role !== 'system')
    .map((message) => {
      const parts = message.parts.map((part) => preparePart(part, message, labels, mathStyles));
      hasMath ||= parts.some((prepared) => prepared.html?.includes('class="katex') === true);
      return { message, parts };
    });
  return { messages, mathCss: mathStylesheet(mathStyles), hasMath };
}
