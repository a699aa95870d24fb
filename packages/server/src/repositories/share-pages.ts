/**
 * Stored pre-rendered pages (table `share_pages`, see migration 0008): the bytes of each
 * variant of a share's page in every encoding, keyed by the share, the variant and the
 * version (`renderKey`) they show. Only render/conversation-pages.ts reads and writes them;
 * access is always decided on the share's live state before a stored page is looked up.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface StoredPage {
  etag: string;
  scriptHashes: string[];
  styleHashes: string[];
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

interface PagePolicyJson {
  scriptHashes?: unknown;
  styleHashes?: unknown;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

export class SharePageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The stored variant of this version, if there is one. */
  async find(shareId: string, variant: string, renderKey: string): Promise<StoredPage | undefined> {
    const row = await this.db
      .selectFrom('share_pages')
      .select(['etag', 'policy', 'identity', 'gzip', 'br'])
      .where('share_id', '=', shareId)
      .where('variant', '=', variant)
      .where('render_key', '=', renderKey)
      .executeTakeFirst();
    if (!row) return undefined;
    const policy = JSON.parse(row.policy) as PagePolicyJson;
    return {
      etag: row.etag,
      scriptHashes: strings(policy.scriptHashes),
      styleHashes: strings(policy.styleHashes),
      identity: row.identity,
      gzip: row.gzip,
      br: row.br,
    };
  }

  /**
   * Stores a variant of version `renderKey`, replacing that variant of any version, then drops
   * the other variants of older versions: a share keeps the pages of one version only.
   */
  async store(shareId: string, variant: string, renderKey: string, page: StoredPage, at: Date): Promise<void> {
    const row = {
      etag: page.etag,
      render_key: renderKey,
      policy: JSON.stringify({ scriptHashes: page.scriptHashes, styleHashes: page.styleHashes }),
      identity: page.identity,
      gzip: page.gzip,
      br: page.br,
      rendered_at: at.toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('share_pages')
        .values({ share_id: shareId, variant, ...row })
        .onConflict((oc) => oc.columns(['share_id', 'variant']).doUpdateSet(row))
        .execute();
      await trx
        .deleteFrom('share_pages')
        .where('share_id', '=', shareId)
        .where('render_key', '<>', renderKey)
        .execute();
    });
  }

  /** Drops every stored page of these shares (revoked, taken down, purged, or replaced). */
  async forget(shareIds: readonly string[]): Promise<void> {
    if (shareIds.length === 0) return;
    await this.db.deleteFrom('share_pages').where('share_id', 'in', shareIds).execute();
  }

  /** Drops the stored pages of every share of this owner (all their links were revoked). */
  async forgetOwner(ownerId: string): Promise<void> {
    await this.db
      .deleteFrom('share_pages')
      .where('share_id', 'in', (eb) => eb.selectFrom('shares').select('id').where('owner_id', '=', ownerId))
      .execute();
  }

  /**
   * Drops the pages nobody may see any more (revoked, taken down, expired, views used up) and
   * those of links nobody opened since `idleSince` (rendered again on their next view), so
   * storage follows the links in use. Walks the stored pages, not every share.
   */
  async sweep(now: Date, idleSince: Date): Promise<number> {
    const at = now.toISOString();
    const idle = idleSince.toISOString();
    const result = await this.db
      .deleteFrom('share_pages')
      .where('share_id', 'in', (eb) =>
        eb
          .selectFrom('share_pages as p')
          .innerJoin('shares as s', 's.id', 'p.share_id')
          .select('p.share_id')
          .where((w) =>
            w.or([
              w('s.revoked_at', 'is not', null),
              w('s.taken_down_at', 'is not', null),
              w('s.expires_at', '<=', at),
              w.and([w('s.max_views', 'is not', null), w('s.view_count', '>=', w.ref('s.max_views'))]),
              w.and([
                w('p.rendered_at', '<', idle),
                w.or([w('s.last_viewed_at', 'is', null), w('s.last_viewed_at', '<', idle)]),
              ]),
            ]),
          ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
