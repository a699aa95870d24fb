/**
 * Keeps a share's entry in the explore/search index in step with the share. Callers that
 * change anything listing depends on (privacy, password, title, snapshot, revoke, takedown)
 * call `sync(shareId)` afterwards. Searches also check each share's live state, so a share
 * that stops being listable never shows up even before `sync` runs.
 */
import { isListed } from '@chatshare/core';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ShareRepository } from '../repositories/shares.js';
import { listedFilter, type ExploreRepository } from './explore-repository.js';
import { searchDocument } from './search-document.js';

export interface SearchIndexSync {
  sync(shareId: string): Promise<void>;
}

export class SearchIndex implements SearchIndexSync {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly shares: ShareRepository,
    private readonly explore: ExploreRepository,
    private readonly now: () => Date,
  ) {}

  /** Indexes the share's current title and snapshot if it may be listed now, else drops it. */
  async sync(shareId: string): Promise<void> {
    const share = await this.shares.findById(shareId);
    const snapshot = share && isListed(share, this.now()) ? await this.shares.snapshot(shareId) : undefined;
    if (!share || !snapshot) return this.explore.remove([shareId]);
    await this.explore.upsert(shareId, searchDocument(share.title, snapshot));
  }

  /** Drops every entry of an owner's shares (all revoked at once). */
  async removeOwner(ownerId: string): Promise<void> {
    await this.db
      .deleteFrom('share_search')
      .where('share_id', 'in', (eb) => eb.selectFrom('shares').select('id').where('owner_id', '=', ownerId))
      .execute();
  }

  /** Drops the entries of a deleted conversation's shares: none of its text stays searchable. */
  async removeConversation(conversationId: string): Promise<void> {
    await this.db
      .deleteFrom('share_search')
      .where('share_id', 'in', (eb) =>
        eb.selectFrom('shares').select('id').where('conversation_id', '=', conversationId),
      )
      .execute();
  }

  /**
   * Indexes listable shares that have no entry yet: shares made before the index existed. Run
   * once, after the migration that creates the index (`setup.ts`), in batches; it reads every
   * share, so it is not run at every start.
   */
  async indexMissing(batchSize = 500): Promise<number> {
    let indexed = 0;
    let after = '';
    for (;;) {
      const rows = await sql<{ id: string }>`
        select s.id from shares s left join share_search ss on ss.share_id = s.id
        where ss.share_id is null and ${listedFilter(this.now())} and s.id > ${after}
        order by s.id limit ${batchSize}`.execute(this.db);
      for (const row of rows.rows) {
        await this.sync(row.id);
        if (await this.explore.has(row.id)) indexed += 1;
      }
      const last = rows.rows.at(-1);
      if (!last || rows.rows.length < batchSize) return indexed;
      after = last.id;
    }
  }
}
