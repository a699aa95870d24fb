/**
 * What a preview shows, built from a share's public snapshot: the card drawn into og.png and
 * the plain texts of the meta tags. Only the presented snapshot is read, so nothing the page
 * does not show can reach a preview; locked links get cards built from no content at all.
 */
import { createHash } from 'node:crypto';
import type { SharedMessage, Snapshot } from '@chatshare/core';
import type { ShareRecord } from '../repositories/shares.js';
import type { LockedCard, OpenCard } from './card.js';
import { plainExcerpt } from './excerpt.js';

/** Bumped when the card's layout changes, so images cached on disk are drawn again. */
export const CARD_REVISION = 2;

/** The instance as previews name it: the host of PUBLIC_URL. */
export const instanceNameOf = (publicUrl: string): string => new URL(publicUrl).host;

/** The markdown text of a message (its text parts; code, tools and images are not prose). */
export const messageText = (message: SharedMessage): string =>
  message.parts
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('\n')
    .trim();

/** The first message the user wrote, and the assistant's first answer after it. */
export function firstExchange(snapshot: Snapshot): { user?: SharedMessage; assistant?: SharedMessage } {
  const userIndex = snapshot.messages.findIndex((message) => message.role === 'user' && messageText(message));
  const user = userIndex >= 0 ? snapshot.messages[userIndex] : undefined;
  const assistant = snapshot.messages
    .slice(userIndex + 1)
    .find((message) => message.role === 'assistant' && messageText(message));
  return { ...(user ? { user } : {}), ...(assistant ? { assistant } : {}) };
}

/** Title shown for a share: the link's title, or what the page calls an untitled conversation. */
export const shareTitle = (share: ShareRecord, untitled: string) => share.title.trim() || untitled;

export function openCard(share: ShareRecord, snapshot: Snapshot, instanceName: string): OpenCard {
  const { user, assistant } = firstExchange(snapshot);
  const excerpts: OpenCard['excerpts'] = [];
  if (user) excerpts.push({ role: 'user', text: plainExcerpt(messageText(user), 180) });
  if (assistant) excerpts.push({ role: 'assistant', text: plainExcerpt(messageText(assistant), 180) });
  return {
    kind: 'open',
    instanceName,
    // The card clamps to two lines itself; this only bounds the text handed to the renderer.
    title: plainExcerpt(shareTitle(share, 'Untitled conversation'), 140),
    excerpts,
    messageCount: snapshot.messages.length,
    models: snapshot.models.slice(0, 2),
    sharedAt: new Date(share.snapshotAt),
  };
}

export const lockedCard = (kind: LockedCard['kind'], instanceName: string): LockedCard => ({ kind, instanceName });

const shortHash = (...parts: (string | number)[]) =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 8);

/**
 * The version of a share's image, carried in its URL (`og.png?v=…`) and its file name: the
 * snapshot version, and a hash of what the card shows beyond the snapshot (the link's title,
 * which the owner can change without a refresh, the instance name and the layout revision).
 * Computed from the share row alone, so a cached image is served without reading the snapshot.
 * @example imageVersion(share, 'chat.example.com') // '3-1f0c9a2e'
 */
export const imageVersion = (share: ShareRecord, instanceName: string): string =>
  `${share.snapshotVersion}-${shortHash(share.title, instanceName, CARD_REVISION)}`;

/** The version of a generic (locked) image. */
export const lockedImageVersion = (kind: LockedCard['kind'], instanceName: string): string =>
  shortHash(kind, instanceName, CARD_REVISION);
