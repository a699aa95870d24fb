/**
 * What explore and search show of a listed share: the public title and excerpt (as text
 * segments marking search matches), counts, models and, only if the owner opted in, their name.
 */
import { shareUrl } from '@chatshare/core';
import type { ExploreHit } from '../search/explore-repository.js';

export function presentExploreHit(hit: ExploreHit, publicUrl: string) {
  return {
    shortCode: hit.code,
    url: shareUrl(publicUrl, hit.code),
    title: hit.title.map((segment) => segment.text).join(''),
    titleHighlights: hit.title,
    excerpt: hit.excerpt,
    messageCount: hit.messageCount,
    models: hit.models,
    views: hit.viewCount,
    publishedAt: hit.listedAt,
    sharedBy: hit.author,
  };
}

export type ExploreItem = ReturnType<typeof presentExploreHit>;
