/**
 * A shared conversation as a Markdown document (`GET /s/:code.md`): the same snapshot and
 * strings as the page, readable as plain text and renderable anywhere.
 */
import type { Part } from '@chatshare/core';
import { isSafeImageSrc, safeLinkHref, sharedByParts, type Translate, type ViewConversation } from '@chatshare/react';

/** Backslash-escapes what would otherwise start markup inside a line of text. */
const escapeInline = (text: string) => text.replace(/[\\`*_[\]<>#|!~]/g, '\\$&');

/** A code fence longer than any run of backticks inside the code. */
function fenced(code: string, language = ''): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language.replace(/[^A-Za-z0-9_+#.-]/g, '')}\n${code.replace(/\n$/, '')}\n${fence}`;
}

const quoted = (text: string) =>
  text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');

function formatDate(iso: string | undefined, locale: string): string | null {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function partToMarkdown(part: Part, t: Translate): string {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'code':
      return fenced(part.text, part.language);
    case 'reasoning':
      return quoted(`**${t('view.reasoning')}**\n\n${part.text}`);
    case 'tool_call': {
      const input = typeof part.input === 'string' ? part.input : (JSON.stringify(part.input, null, 2) ?? '');
      return `**${escapeInline(t('view.toolCall', { name: part.name }))}**\n\n${fenced(input, typeof part.input === 'string' ? '' : 'json')}`;
    }
    case 'tool_result': {
      const label = part.name ? t('view.toolResultNamed', { name: part.name }) : t('view.toolResult');
      return `**${escapeInline(label)}**\n\n${fenced(part.output)}`;
    }
    case 'image': {
      const alt = escapeInline(part.alt ?? '');
      if (isSafeImageSrc(part.src)) return `![${alt}](${part.src.trim()})`;
      const href = safeLinkHref(part.src);
      if (href)
        return `[${escapeInline(t('view.remoteImage', { label: part.alt || href }))}](<${href.replace(/[<>]/g, encodeURIComponent)}>)`;
      return `_${escapeInline(t('view.imageMissing'))}_`;
    }
    case 'attachment':
      return `_${escapeInline(t('view.attachment', { name: part.name }))}_`;
  }
}

export function conversationToMarkdown(
  conversation: ViewConversation,
  options: { t: Translate; locale: string; url: string },
): string {
  const { t, locale, url } = options;
  const messages = conversation.messages.filter((message) => message.role !== 'system');
  const date = formatDate(conversation.sharedAt, locale);
  const meta = [t('view.messageCount', { count: messages.length })];
  // As on the page (never through `t`, see sharedByParts); nothing in the name may start markup.
  const name = conversation.sharedBy?.trim() || null;
  const sharedBy = name ? sharedByParts(t, date).join(escapeInline(name)) : null;
  if (date) meta.push(sharedBy ?? t('view.sharedOn', { date }), t('view.notShared'));
  else if (sharedBy) meta.push(sharedBy);
  const blocks = [
    `# ${escapeInline(conversation.title || t('view.untitled'))}`,
    `${meta.join(' · ')}  \n${t('markdown.link', { url })}`,
  ];
  for (const message of messages) {
    const role = t(`view.role.${message.role}`);
    const who = message.author ? `${escapeInline(message.author)} (${role})` : role;
    const heading = message.model ? `${who} · ${escapeInline(message.model)}` : who;
    const parts = message.parts.map((part) => partToMarkdown(part, t));
    if (message.status === 'incomplete') parts.push(`_${escapeInline(t('view.incomplete'))}_`);
    blocks.push('---', `### ${heading}`, ...parts);
  }
  return `${blocks.join('\n\n')}\n`;
}
