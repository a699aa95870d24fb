/**
 * Every share's conversation page and embed, pre-rendered and stored. A link's pages are
 * drawn when it is created or changed (`prerender`: the reader's page in every language) and
 * stored in the database (`share_pages`), so any instance serves a link's first view without
 * rendering it; other variants (the owner's own page, the embed) are drawn on their first
 * request and stored the same way. In front of the store, each instance keeps the pages it
 * served in memory.
 *
 * Every variant is found by the render key of the share's version: everything the bytes depend on (the
 * snapshot version, the settings' update time, code, title, names, indexing and embedding as
 * of now, the templates). A changed link has another key, so a stale page can never be
 * served; the store keeps one version per share and drops pages nobody may see (see
 * SharePageRepository.sweep). Access is decided on the share's live state before any page is
 * looked up, on every request: a page is only ever bytes to send once a reader is allowed.
 */
import { createHash } from 'node:crypto';
import {
  canOfferCopy,
  isEmbeddable,
  isIndexable,
  isViewLimited,
  sharePath,
  shareUrl,
  type Snapshot,
} from '@chatshare/core';
import type { ViewConversation } from '@chatshare/react';
import { instanceNameOf } from '../og/card-data.js';
import { conversationImageVersion } from '../og/image-selection.js';
import { presentSharedConversation } from '../presenters/shared-conversation.js';
import type { SharePageRepository } from '../repositories/share-pages.js';
import type { ShareRecord } from '../repositories/shares.js';
import type { SharePages } from '../services/shares.js';
import { gatePreview, sharePreview } from '../views/preview.js';
import { LOCALES, type Locale } from '../views/i18n.js';
import { renderConversationPage, renderEmbedPage, type PageMarkup } from '../views/render.js';
import { PageBody } from './page-body.js';
import { PageCache, type RenderedPage } from './page-cache.js';
import { contentSecurityPolicy, type PagePolicy } from './security-headers.js';
import { templateFingerprint } from './template-fingerprint.js';

/** Which page of a share: the page (a reader's or the owner's, who has no "Report" link) or the embed. */
export type PageVariant = { kind: 'page'; locale: Locale; owner: boolean } | { kind: 'embed'; locale: Locale };

/** The store's key of a version: short, and the same on every instance. */
const hashOf = (version: string) => createHash('sha256').update(version).digest('base64url').slice(0, 32);

const variantName = (variant: PageVariant) =>
  variant.kind === 'embed' ? `embed:${variant.locale}` : `page:${variant.locale}${variant.owner ? ':owner' : ''}`;

/** The in-memory key of a page: its variant and its version's text. */
const keyOf = (variant: PageVariant, version: string) => `${variantName(variant)}|${version}`;

/** What a rendered conversation shows: the public presenter's view of the snapshot. */
export function conversationView(share: ShareRecord, snapshot: Snapshot, sharedBy: string | null): ViewConversation {
  const conversation = presentSharedConversation(share, snapshot, sharedBy);
  return {
    title: conversation.title,
    sharedAt: conversation.sharedAt,
    live: conversation.live,
    sharedBy: conversation.sharedBy,
    messages: conversation.messages,
  };
}

export interface ConversationPagesDeps {
  store: SharePageRepository;
  /** The share's frozen content (read only when a page has to be drawn). */
  snapshotOf: (share: ShareRecord) => Promise<Snapshot>;
  /** Who the link says shared it, read live (services/shared-by.ts). */
  sharedByOf: (share: ShareRecord) => Promise<string | null>;
  publicUrl: string;
  now: () => Date;
  /** Told when a page could not be stored: the reader still gets it, rendered. */
  onStoreError: (error: unknown) => void;
  /** ENABLE_COPIES: pages offer "Save a copy" only where the instance allows copies (core `canOfferCopy`). */
  enableCopies: boolean;
}

export class ConversationPages implements SharePages {
  /** Pages served by this instance, per kind (metrics count each cache's hits). */
  readonly caches = { page: new PageCache(), embed: new PageCache() };
  /** The start of every version (`fixedPart`). */
  private fixed: string | undefined;

  constructor(private readonly deps: ConversationPagesDeps) {}

  /**
   * The version of `share` its pages show, for a reader who sees `sharedBy` now: anything
   * that changes a byte of a page is in it. Kept as text for the in-memory key (no hashing
   * on a hit); the store keys by its hash, the render key.
   */
  private versionOf(share: ShareRecord, sharedBy: string | null): string {
    const now = this.deps.now();
    const flags = [
      share.showAuthor,
      isIndexable(share, now),
      isEmbeddable(share, now),
      isViewLimited(share),
      canOfferCopy(share, { enableCopies: this.deps.enableCopies }).allowed,
    ].map(Number);
    // Built on every request, so a template string, not JSON: the fixed-width parts first, the
    // name with its length, and the title last, so no two versions can read the same.
    const name = sharedBy === null ? '-' : `${sharedBy.length}:${sharedBy}`;
    return `${this.fixedPart()}|${share.id}|${share.code}|${share.snapshotVersion}|${share.updatedAt}|${flags.join('')}|${name}|${share.title}`;
  }

  /** What every version shares: the templates (drawn once, on first use) and PUBLIC_URL. */
  private fixedPart(): string {
    this.fixed ??= `${templateFingerprint()}|${this.deps.publicUrl.length}:${this.deps.publicUrl}`;
    return this.fixed;
  }

  /**
   * The page `variant` of `share` (whose access the caller decided): from memory, else from
   * the store, else drawn now and stored.
   */
  async get(share: ShareRecord, variant: PageVariant, sharedBy: string | null): Promise<RenderedPage> {
    const version = this.versionOf(share, sharedBy);
    const cached = this.caches[variant.kind].get(keyOf(variant, version));
    return cached ?? this.fromStore(share, variant, sharedBy, version);
  }

  /**
   * `get` answered from this instance's memory alone, at once; `undefined` when memory lacks
   * the page (then `get`, which counts the miss).
   */
  inMemory(share: ShareRecord, variant: PageVariant, sharedBy: string | null): RenderedPage | undefined {
    return this.caches[variant.kind].hit(keyOf(variant, this.versionOf(share, sharedBy)));
  }

  private async fromStore(share: ShareRecord, variant: PageVariant, sharedBy: string | null, version: string) {
    const name = variantName(variant);
    const renderKey = hashOf(version);
    // A store that fails to answer only means drawing the page here.
    const stored = await this.deps.store.find(share.id, name, renderKey).catch((error: unknown) => {
      this.deps.onStoreError(error);
      return undefined;
    });
    const cache = this.caches[variant.kind];
    cache.onStoreLookup?.(stored !== undefined);
    const page = stored
      ? readyPage(new PageBody(stored, stored.etag), stored, variant)
      : await this.drawAndStore(share, variant, renderKey, sharedBy);
    cache.set(keyOf(variant, version), page);
    return page;
  }

  /**
   * Draws and stores the reader's page of `share` in every language, so its first reader on
   * any instance gets a stored page. Run when a link is created or changed.
   */
  async prerender(share: ShareRecord): Promise<void> {
    try {
      const sharedBy = await this.deps.sharedByOf(share);
      const version = this.versionOf(share, sharedBy);
      const renderKey = hashOf(version);
      const snapshot = await this.deps.snapshotOf(share);
      for (const locale of LOCALES) {
        const variant: PageVariant = { kind: 'page', locale, owner: false };
        const page = await this.draw(share, snapshot, variant, sharedBy);
        await this.save(share, variant, renderKey, page);
        this.caches.page.set(keyOf(variant, version), page);
      }
    } catch (error) {
      // The link stands; its first reader draws the page instead.
      this.deps.onStoreError(error);
    }
  }

  /**
   * Drops the stored pages of links nobody may read any more. A failure leaves them to the
   * sweep (they are never served: access is decided first).
   */
  async forget(shareIds: readonly string[]): Promise<void> {
    await this.deps.store.forget(shareIds).catch(this.deps.onStoreError);
  }

  async forgetOwner(ownerId: string): Promise<void> {
    await this.deps.store.forgetOwner(ownerId).catch(this.deps.onStoreError);
  }

  private async drawAndStore(share: ShareRecord, variant: PageVariant, renderKey: string, sharedBy: string | null) {
    const page = await this.draw(share, await this.deps.snapshotOf(share), variant, sharedBy);
    await this.save(share, variant, renderKey, page);
    return page;
  }

  /** Stores a page; a failure (database down, disk full) costs only the next render elsewhere. */
  private async save(share: ShareRecord, variant: PageVariant, renderKey: string, page: RenderedPage) {
    const bytes = { identity: page.body.in('identity'), gzip: page.body.in('gzip'), br: page.body.in('br') };
    try {
      await this.deps.store.store(
        share.id,
        variantName(variant),
        renderKey,
        { etag: page.body.etag, scriptHashes: [...page.scriptHashes], styleHashes: [...page.styleHashes], ...bytes },
        this.deps.now(),
      );
    } catch (error) {
      this.deps.onStoreError(error);
    }
  }

  private async draw(
    share: ShareRecord,
    snapshot: Snapshot,
    variant: PageVariant,
    sharedBy: string | null,
  ): Promise<RenderedPage> {
    const markup = drawMarkup(share, snapshot, variant, sharedBy, this.deps);
    return readyPage(await PageBody.encode(markup.html), markup, variant);
  }
}

/** A page with its CSP: only the embed may be framed, by any site. */
function readyPage(body: PageBody, policy: Omit<PagePolicy, 'framing'>, variant: PageVariant): RenderedPage {
  const scriptHashes = policy.scriptHashes ?? [];
  const styleHashes = policy.styleHashes ?? [];
  const framing = variant.kind === 'embed' ? 'any' : 'none';
  return { body, scriptHashes, styleHashes, csp: contentSecurityPolicy({ scriptHashes, styleHashes, framing }) };
}

/** The link's "Save a copy" page, or null where the link offers no copies. */
const copyUrlOf = (share: ShareRecord, enableCopies: boolean) =>
  canOfferCopy(share, { enableCopies }).allowed ? `${sharePath(share.code)}/copy` : null;

/** The HTML of one variant of a share's page, as of now. */
function drawMarkup(
  share: ShareRecord,
  snapshot: Snapshot,
  variant: PageVariant,
  sharedBy: string | null,
  { publicUrl, now, enableCopies }: { publicUrl: string; now: () => Date; enableCopies: boolean },
): PageMarkup {
  const conversation = conversationView(share, snapshot, sharedBy);
  const url = shareUrl(publicUrl, share.code);
  const { locale } = variant;
  if (variant.kind === 'embed') return renderEmbedPage({ conversation, locale, code: share.code, shareUrl: url });
  const at = now();
  return renderConversationPage({
    conversation,
    locale,
    shareUrl: url,
    reportUrl: variant.owner ? null : `${sharePath(share.code)}/report`,
    copyUrl: copyUrlOf(share, enableCopies),
    // A view-limited link's image would be the generic card: the menu offers none.
    image: isViewLimited(share)
      ? null
      : {
          action: `${sharePath(share.code)}/image.png`,
          version: conversationImageVersion(share, instanceNameOf(publicUrl)),
          messageCount: conversation.messages.length,
        },
    indexable: isIndexable(share, at),
    // A view-limited link's tags stay generic even on the revealed page (it may be saved).
    preview: !isViewLimited(share)
      ? sharePreview({ share, snapshot, locale, publicUrl, embeddable: isEmbeddable(share, at) })
      : gatePreview({ kind: 'limited', url, locale, publicUrl }),
  });
}
