/**
 * The searchable text of a share: its title and the visible text of its messages, as a
 * reader of the page would see them (no hidden context, no tool inputs). What a snapshot
 * leaves out can never be found by a search.
 */
import type { Part, Snapshot } from '@chatshare/core';
import { plainExcerpt } from '../og/excerpt.js';
import { stripMarks } from './highlight.js';

/**
 * Text beyond this is not indexed: PostgreSQL refuses a tsvector over 1 MB, and the start of a
 * conversation says what it is about. Long conversations are still found by their first ~200 KB.
 */
export const MAX_INDEXED_CHARS = 200_000;
const EXCERPT_CHARS = 240;

export interface SearchDocument {
  title: string;
  body: string;
  excerpt: string;
  models: string[];
}

function partText(part: Part): string {
  switch (part.type) {
    case 'text':
    case 'code':
      return part.text;
    case 'tool_result':
      return part.output;
    default:
      // Reasoning is folded away on the page and images/attachments have no text worth finding.
      return '';
  }
}

export function searchDocument(title: string, snapshot: Snapshot): SearchDocument {
  const texts = snapshot.messages.map((message) => message.parts.map(partText).filter(Boolean).join('\n'));
  const body = stripMarks(texts.filter(Boolean).join('\n\n')).slice(0, MAX_INDEXED_CHARS);
  const firstUserText = snapshot.messages.find((message) => message.role === 'user');
  const lead = firstUserText ? firstUserText.parts.map(partText).join(' ') : (texts.find(Boolean) ?? '');
  return {
    title: stripMarks(title),
    body,
    excerpt: stripMarks(plainExcerpt(lead.slice(0, 4 * EXCERPT_CHARS), EXCERPT_CHARS)),
    models: [...snapshot.models],
  };
}
