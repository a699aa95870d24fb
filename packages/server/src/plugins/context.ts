/**
 * Application context: configuration, clock, database, repositories, services, mail and
 * signing keys, decorated onto the Fastify instance in one place.
 */
import { RATE_LIMITS } from '@chatshare/core';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { createSigner, type Signer } from '../auth/signing.js';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DialectName } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { Config } from '../env.js';
import { createLogMailer, createSmtpMailer, type Mailer } from '../mail/mailer.js';
import { connectRedis, type RedisLink } from '../redis/link.js';
import { ApiTokenRepository } from '../repositories/api-tokens.js';
import { ConversationRepository } from '../repositories/conversations.js';
import { ReportRepository } from '../repositories/reports.js';
import { SharePageRepository } from '../repositories/share-pages.js';
import { SessionRepository } from '../repositories/sessions.js';
import { ShareRepository, type ShareRecord } from '../repositories/shares.js';
import { UserRepository } from '../repositories/users.js';
import { ConversationPages } from '../render/conversation-pages.js';
import type { ExploreRepository } from '../search/explore-repository.js';
import type { SearchIndex } from '../search/search-index.js';
import { createSearch, indexAfterUpgrade } from '../search/setup.js';
import { AccountService } from '../services/accounts.js';
import { CommunityPublicationService } from '../services/community-publications.js';
import { AdminDirectory } from '../services/admins.js';
import { ApiTokenService } from '../services/api-tokens.js';
import { ConversationService } from '../services/conversations.js';
import { ModerationService } from '../services/moderation.js';
import { sharedByOf } from '../services/shared-by.js';
import { ShareService } from '../services/shares.js';
import { UnlockService } from '../services/unlock.js';
import { CopyService } from '../services/copies.js';
import { COPY_LIMIT } from './rate-limits.js';

export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  apiTokens: ApiTokenRepository;
  conversations: ConversationRepository;
  shares: ShareRepository;
  reports: ReportRepository;
  explore: ExploreRepository;
  sharePages: SharePageRepository;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    now: () => Date;
    db: Kysely<Database>;
    dialect: DialectName;
    /** The PostgreSQL pool's state (metrics); null on SQLite. */
    dbPoolState: NonNullable<DatabaseHandle['poolState']> | null;
    repos: Repositories;
    shareService: ShareService;
    /** Every link's pre-rendered pages, stored and in memory. */
    pages: ConversationPages;
    /** Who the instance admins are. */
    admins: AdminDirectory;
    /** Reports and takedowns. */
    moderation: ModerationService;
    searchIndex: SearchIndex;
    mailer: Mailer;
    signers: { emailVerification: Signer; shareUnlock: Signer };
    redis: Redis | null;
    /** Redis and whether it answers (`redisLink.state()`); null without REDIS_URL. */
    redisLink: RedisLink | null;
    /** The rate limits in force: core's RATE_LIMITS unless the app was built with others. */
    rateLimits: RateLimits;
    redisKeyPrefix: string;
    accountService: AccountService;
    unlockService: UnlockService;
    apiTokenService: ApiTokenService;
    conversationService: ConversationService;
    communityPublications: CommunityPublicationService;
    /** Readers' copies of shared links into their own account. */
    copyService: CopyService;
  }
}

/** Core's RATE_LIMITS, and the server's own: `copy` (see rate-limits.ts). */
export type RateLimits = { [K in keyof typeof RATE_LIMITS | 'copy']: { max: number; windowMs: number } };

export interface ContextOptions {
  config: Config;
  now?: () => Date;
  mailer?: Mailer;
  rateLimits?: Partial<RateLimits>;
  /** Prefix of every Redis key, so several apps (or test runs) can share one Redis. */
  redisKeyPrefix?: string;
}

export default fp<ContextOptions>(
  async function context(app: FastifyInstance, options) {
    const { config } = options;
    const now = options.now ?? (() => new Date());
    const handle = await openDatabase(config, app.log);
    app.addHook('onClose', () => handle.close());
    const applied = await migrateToLatest(handle);

    const shares = new ShareRepository(handle.db, now, handle.reader);
    const { explore, searchIndex } = createSearch(handle, shares, now);
    const repos: Repositories = {
      users: new UserRepository(handle.db, now),
      sessions: new SessionRepository(handle.db, now),
      apiTokens: new ApiTokenRepository(handle.db, now, app.log),
      conversations: new ConversationRepository(handle.db, now),
      shares,
      reports: new ReportRepository(handle.db, shares, now),
      explore,
      sharePages: new SharePageRepository(handle.db),
    };
    await indexAfterUpgrade(searchIndex, applied);
    const mailer =
      options.mailer ?? (config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : createLogMailer(app.log));
    app.addHook('onClose', async () => mailer.close());

    const redisLink = config.redisUrl ? await connectRedis(config.redisUrl, app.log) : null;
    if (redisLink) app.addHook('onClose', () => redisLink.close());

    app.decorate('config', config);
    app.decorate('rateLimits', { ...RATE_LIMITS, copy: COPY_LIMIT, ...options.rateLimits });
    app.decorate('redisKeyPrefix', options.redisKeyPrefix ?? 'chatshare:');
    app.decorate('now', now);
    app.decorate('db', handle.db);
    app.decorate('dialect', handle.dialect);
    app.decorate('dbPoolState', handle.poolState ?? null);
    app.decorate('repos', repos);
    app.decorate('searchIndex', searchIndex);
    app.decorate('redis', redisLink?.client ?? null);
    app.decorate('redisLink', redisLink);
    app.decorate('mailer', mailer);
    app.decorate('signers', {
      emailVerification: createSigner(config.sessionSecret, 'email-verification'),
      shareUnlock: createSigner(config.sessionSecret, 'share-unlock'),
    });
    const pageDeps = {
      store: repos.sharePages,
      snapshotOf: (share: ShareRecord) => app.shareService.snapshotOf(share),
      sharedByOf: (share: ShareRecord) => sharedByOf(repos.users, share),
      publicUrl: config.publicUrl,
      now,
      onStoreError: (error: unknown) => app.log.warn({ err: error }, 'storing or dropping a rendered page failed'),
      // Whether a page offers "Save a copy" depends on the instance too (core `canOfferCopy`).
      enableCopies: config.enableCopies,
    };
    const pages = new ConversationPages(pageDeps);
    app.decorate('pages', pages);
    app.decorate(
      'shareService',
      new ShareService({
        shares: repos.shares,
        conversations: repos.conversations,
        searchIndex,
        now,
        enableOpenSharing: config.enableOpenSharing,
        pages,
        log: app.log,
      }),
    );
    app.decorate('admins', new AdminDirectory(repos.users, config.adminEmails));
    app.decorate(
      'moderation',
      new ModerationService({
        reports: repos.reports,
        shares: repos.shares,
        shareService: app.shareService,
        searchIndex,
      }),
    );

    // The use cases the routes call.
    app.decorate(
      'accountService',
      new AccountService({
        users: repos.users,
        sessions: repos.sessions,
        mailer,
        verificationSigner: app.signers.emailVerification,
        publicUrl: config.publicUrl,
        enableSignup: config.enableSignup,
        now,
        log: app.log,
      }),
    );
    app.decorate(
      'unlockService',
      new UnlockService({
        shares: app.shareService,
        signer: app.signers.shareUnlock,
        now,
        secureCookies: config.publicUrl.startsWith('https:'),
      }),
    );
    app.decorate('apiTokenService', new ApiTokenService(repos.apiTokens));
    app.decorate(
      'conversationService',
      new ConversationService({ conversations: repos.conversations, shares: app.shareService, now }),
    );
    app.decorate(
      'copyService',
      new CopyService({
        shares: repos.shares,
        conversations: repos.conversations,
        now,
        publicUrl: config.publicUrl,
        enableCopies: config.enableCopies,
      }),
    );
    app.decorate(
      'communityPublications',
      new CommunityPublicationService({
        config,
        now,
        conversations: repos.conversations,
        shareService: app.shareService,
      }),
    );
  },
  { name: 'context' },
);
