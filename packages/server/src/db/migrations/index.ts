import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001_initial.js';
import * as shareDailyViews from './0002_share_daily_views.js';
import * as shareRedact from './0003_share_redact.js';
import * as exploreReports from './0004_explore_reports.js';
import * as shareSelection from './0005_share_selection.js';
import * as conversationSource from './0006_conversation_source.js';
import * as userAdmin from './0007_user_admin.js';
import * as sharePages from './0008_share_pages.js';
import * as readerCopies from './0009_reader_copies.js';
import * as liveUpdates from './0010_live_updates.js';

/** Migrations are listed here (not read from disk) so they work the same from any working directory. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => ({
    '0001_initial': initial,
    '0002_share_daily_views': shareDailyViews,
    '0003_share_redact': shareRedact,
    '0004_explore_reports': exploreReports,
    '0005_share_selection': shareSelection,
    '0006_conversation_source': conversationSource,
    '0007_user_admin': userAdmin,
    '0008_share_pages': sharePages,
    '0009_reader_copies': readerCopies,
    '0010_live_updates': liveUpdates,
  }),
};
