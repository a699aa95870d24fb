/**
 * What any viewer of a link receives. Built from the frozen snapshot; author names only when
 * the owner opted in. No owner id or email, no internal ids, no settings beyond what a viewer sees.
 */
import type { Snapshot } from '@chatshare/core';
import type { ShareRecord } from '../repositories/shares.js';

export function presentSharedConversation(share: ShareRecord, snapshot: Snapshot, sharedBy: string | null) {
  return {
    shortCode: share.code,
    title: share.title,
    sharedAt: share.snapshotAt,
    live: share.liveUpdates !== null,
    messageCount: snapshot.messages.length,
    models: [...snapshot.models],
    sharedBy: share.showAuthor ? sharedBy : null,
    messages: snapshot.messages.map((message) => {
      const { author, ...rest } = message;
      return share.showAuthor && author ? { ...rest, author } : rest;
    }),
  };
}

export type SharedConversation = ReturnType<typeof presentSharedConversation>;
