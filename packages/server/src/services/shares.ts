/**
 * Share use cases: create or refresh, change settings, revoke, and the public read that every
 * viewer path goes through. Access is decided by core's policy module only.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  authorize,
  canEdit,
  canView,
  type DenialReason,
  type LiveHoldReason,
  errors,
  isShortCode,
  isTakenDown,
  isViewLimited,
  liveAsk,
  liveUpdatesFrom,
  makeShortCode,
  type Reveal,
  type Snapshot,
  type SnapshotOptions,
  type Viewer,
} from '@chatshare/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Static } from 'typebox';
import type { ConversationRecord, ConversationRepository } from '../repositories/conversations.js';
import { isUniqueViolation } from '../repositories/db-errors.js';
import type { DailyViews, LiveState, ShareRecord, ShareRepository } from '../repositories/shares.js';
import type { User } from '../repositories/users.js';
import type { ListSharesQuery } from '../routes/api/shares/schema.js';
import type { SearchIndex } from '../search/search-index.js';
import { liveStep } from './live-updates.js';
import {
  freezeFor,
  secretsNotShown,
  titleChange,
  type Frozen,
  type FrozenWarning,
  type SnapshotChoice,
} from './share-content.js';
import { initialSettings, settingsToChanges, type ShareSettingsInput } from './share-settings.js';

/** The owner's list query, as the API takes it. */
export type ShareListQuery = Static<typeof ListSharesQuery>;

export interface CreateShareInput extends ShareSettingsInput {
  conversationId: string;
  /** Replace secrets found in the content with `[REDACTED …]` in the shared copy. */
  redact?: boolean;
  leafMessageId?: string;
  range?: SnapshotOptions['range'];
}

export interface UpdateShareInput extends ShareSettingsInput {
  /** Take a fresh snapshot of the conversation (messages added since are shared). */
  refresh?: boolean;
  redact?: boolean;
  leafMessageId?: string;
  range?: SnapshotOptions['range'];
}

export interface ShareServiceDeps {
  shares: ShareRepository;
  conversations: ConversationRepository;
  /** Told of every change that can add a share to, or take it out of, explore and search. */
  searchIndex: Pick<SearchIndex, 'sync' | 'removeOwner' | 'removeConversation'>;
  now: () => Date;
  enableOpenSharing: boolean;
  /** A fresh public code; tests pass one that collides. Defaults to core's generator. */
  newCode?: () => string;
  /**
   * The links' stored pages (render/conversation-pages.ts): drawn when a link is made or
   * changed, so its first reader gets a stored page, and dropped when it closes. Neither call
   * throws: a page that could not be stored is drawn on its first view instead.
   */
  pages?: SharePages;
  /** Where a live link that could not follow its conversation is reported. */
  log?: Pick<FastifyBaseLogger, 'warn'>;
}

export interface SharePages {
  prerender(share: ShareRecord): Promise<void>;
  forget(shareIds: readonly string[]): Promise<void>;
  forgetOwner(ownerId: string): Promise<void>;
}

const DAY_MS = 24 * 3600_000;
/** Codes carry ~71 random bits, so a second collision in a row means something else is wrong. */
const CODE_ATTEMPTS = 5;
const randomCode = () => makeShortCode((size) => randomBytes(size));
const utcDate = (date: Date) => [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()] as const;

export class ShareService {
  private readonly newCode: () => string;

  constructor(private readonly deps: ShareServiceDeps) {
    this.newCode = deps.newCode ?? randomCode;
  }

  /**
   * Runs `write` with a fresh public code, and again with another while the code was taken
   * (`isCodeTaken` tells a code collision from another unique rule the same write can break).
   */
  private async withFreshCode<T>(write: (code: string) => Promise<T>, isCodeTaken: () => Promise<boolean>) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await write(this.newCode());
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= CODE_ATTEMPTS || !(await isCodeTaken())) throw error;
      }
    }
  }

  /** The changes the owner's settings make to `current` (absent on create); see `settingsToChanges`. */
  private settingChanges(input: ShareSettingsInput, snapshotTitle: string, current?: ShareRecord) {
    return settingsToChanges(input, {
      now: this.deps.now(),
      current,
      snapshotTitle,
      enableOpenSharing: this.deps.enableOpenSharing,
    });
  }

  private async ownConversation(user: User, id: string): Promise<ConversationRecord> {
    const conversation = await this.deps.conversations.findById(id);
    if (!conversation || !authorize(user, 'share', conversation)) throw errors.conversationNotFound();
    return conversation;
  }

  /** The owner's share, live or revoked; another user's is "not found". */
  async ownShare(user: User, id: string): Promise<ShareRecord> {
    const share = await this.deps.shares.findById(id);
    if (!share || !authorize(user, 'read', share)) throw errors.shareNotFound();
    return share;
  }

  /**
   * The owner's links, a page at a time; with `code`, just the link of that code when it is
   * theirs (for tools that only have the link), else none.
   */
  async list(user: User, query: ShareListQuery): Promise<{ items: ShareRecord[]; nextCursor: string | null }> {
    if (query.code !== undefined) {
      const share = isShortCode(query.code) ? await this.deps.shares.findByCode(query.code) : undefined;
      return { items: share && authorize(user, 'read', share) ? [share] : [], nextCursor: null };
    }
    const { q, cursor, limit, sort, order, status } = query;
    return this.deps.shares.list(user.id, {
      ...(q ? { q } : {}),
      ...(cursor ? { cursor } : {}),
      limit: limit ?? 20,
      sort: sort ?? 'created',
      order: order ?? 'desc',
      status: status ?? 'live',
    });
  }

  /** Creates a share, or refreshes the live one of this conversation and keeps its code. */
  async createOrRefresh(user: User, input: CreateShareInput) {
    const conversation = await this.ownConversation(user, input.conversationId);
    const existing = await this.deps.shares.findLiveByConversation(conversation.id);
    // Revoking a taken-down link and sharing again must not bring the content back: any
    // takedown of this conversation's links blocks new ones until an admin restores it.
    const takenDown =
      existing && isTakenDown(existing)
        ? existing
        : await this.deps.shares.findTakenDownByConversation(conversation.id);
    if (takenDown) throw takenDownError(takenDown);
    const frozen = freezeFor(conversation, choiceOf(conversation, input, existing), existing);
    const { warnings } = frozen;
    if (existing) {
      const live = liveStateOf(conversation, input, frozen, existing);
      return { share: await this.refresh(existing, frozen, input, live), warnings, created: false };
    }
    try {
      const live = liveStateOf(conversation, input, frozen);
      return { share: await this.insert(user, conversation, frozen, input, live), warnings, created: true };
    } catch (error) {
      // Another request created the live share first: refresh that one instead.
      const raced = isUniqueViolation(error) && (await this.deps.shares.findLiveByConversation(conversation.id));
      if (!raced) throw error;
      const again = freezeFor(conversation, choiceOf(conversation, input, raced), raced);
      const live = liveStateOf(conversation, input, again, raced);
      return { share: await this.refresh(raced, again, input, live), warnings, created: false };
    }
  }

  private async insert(
    user: User,
    conversation: ConversationRecord,
    frozen: Frozen,
    input: CreateShareInput,
    live: LiveState,
  ) {
    const { content } = frozen;
    const settings = {
      ...initialSettings(content.snapshot.title),
      ...(await this.settingChanges(input, content.snapshot.title)),
    };
    const id = randomUUID();
    await this.withFreshCode(
      (code) =>
        this.deps.shares.create({
          id,
          code,
          conversationId: conversation.id,
          ownerId: user.id,
          ...settings,
          ...content,
          ...live,
        }),
      // The other unique rule, one live link per conversation, is a race the caller resolves.
      async () => !(await this.deps.shares.findLiveByConversation(conversation.id)),
    );
    return this.synced(id);
  }

  /** The share after a change: told to explore and search, its pages drawn for its first reader. */
  private async synced(shareId: string): Promise<ShareRecord> {
    await this.deps.searchIndex.sync(shareId);
    return this.drawn((await this.deps.shares.findById(shareId))!);
  }

  /** The share, once its pages are drawn and stored for its first reader. */
  private async drawn(share: ShareRecord): Promise<ShareRecord> {
    await this.deps.pages?.prerender(share);
    return share;
  }

  /** Drops the stored pages of links nobody may read any more (revoked, taken down). */
  forgetPages(shareIds: readonly string[]): Promise<void> {
    return this.deps.pages?.forget(shareIds) ?? Promise.resolve();
  }

  private async refresh(
    share: ShareRecord,
    frozen: Frozen,
    input: ShareSettingsInput & { redact?: boolean },
    live: LiveState,
  ) {
    const { content } = frozen;
    // A secret the live copy does not show yet is not published by an update nobody decided about.
    const previous = await this.deps.shares.snapshot(share.id);
    if (input.redact === undefined && !share.redact) {
      const added = secretsNotShown(frozen, previous);
      if (added.length > 0) {
        throw errors.secretsDecisionRequired(
          `The update would publish ${added.length} possible secret(s) the link does not show yet: send redact: true to replace them, or redact: false to share them as they are.`,
          { warnings: added },
        );
      }
    }
    const changes = await this.settingChanges(input, content.snapshot.title, share);
    await this.deps.shares.update(share.id, {
      ...titleChange(share, previous, frozen),
      ...changes,
      ...content,
      ...live,
    });
    return this.synced(share.id);
  }

  async update(user: User, id: string, input: UpdateShareInput) {
    const share = await this.ownShare(user, id);
    // Taken down by an admin: the owner may read and revoke it, not bring it back by editing.
    if (!authorize(user, 'update', share)) throw editRefusal(share);
    // Turning live updates on brings the link up to date, with the same decisions as a refresh.
    const turnsLive = input.liveUpdates === true && share.liveUpdates === null;
    if (input.refresh || turnsLive || input.redact !== undefined || input.leafMessageId || input.range) {
      if (!share.conversationId) throw errors.conflict('The conversation of this link was deleted.');
      const conversation = await this.ownConversation(user, share.conversationId);
      const frozen = freezeFor(conversation, choiceOf(conversation, input, share), share);
      const live = liveStateOf(conversation, input, frozen, share);
      return { share: await this.refresh(share, frozen, input, live), warnings: frozen.warnings };
    }
    const snapshotTitle = (await this.deps.shares.snapshot(share.id))?.title ?? share.title;
    await this.deps.shares.update(share.id, {
      ...(await this.settingChanges(input, snapshotTitle, share)),
      ...(input.liveUpdates === false ? { liveUpdates: null, liveHeld: null } : {}),
    });
    return { share: await this.synced(share.id), warnings: [] };
  }

  /**
   * Brings the live link of a conversation up to date after the conversation changed; what it
   * takes in is decided by live-updates.ts. Null when no open link of it has live updates. The
   * write only lands on the snapshot it was decided from, so when changes race (here or on
   * another instance) the last to land has read the latest conversation.
   */
  async follow(conversationId: string): Promise<LiveFollow | null> {
    // The change itself is stored: a link that could not follow says so and catches up later.
    const seen: { shareId?: string } = {};
    try {
      return await this.followOnce(conversationId, seen);
    } catch (error) {
      this.deps.log?.warn({ err: error, shareId: seen.shareId }, 'a live link could not follow its conversation');
      return seen.shareId === undefined ? null : { shareId: seen.shareId, status: 'failed', warnings: [] };
    }
  }

  private async followOnce(conversationId: string, seen: { shareId?: string }): Promise<LiveFollow | null> {
    for (let attempt = 1; ; attempt += 1) {
      const share = await this.deps.shares.findLiveByConversation(conversationId);
      const conversation = share?.liveUpdates ? await this.deps.conversations.findById(conversationId) : undefined;
      if (!share || !conversation || !canEdit(share).allowed) return null;
      seen.shareId = share.id;
      const shown = await this.deps.shares.snapshot(share.id);
      const step = liveStep(conversation, share, shown);
      if (step.kind === 'unchanged') return { shareId: share.id, status: 'unchanged', warnings: [] };
      if (step.kind === 'hold') {
        // The first hold is the one the owner is told about: its time stays until they decide.
        if (share.liveHeld?.reason !== step.reason) {
          await this.deps.shares.update(share.id, {
            liveHeld: { at: this.deps.now().toISOString(), reason: step.reason },
          });
        }
        return { shareId: share.id, status: 'held', reason: step.reason, warnings: step.warnings };
      }
      const { frozen } = step;
      const written = await this.deps.shares.updateAtVersion(share.id, share.snapshotVersion, {
        ...titleChange(share, shown, frozen),
        ...frozen.content,
        liveHeld: null,
      });
      if (written) {
        await this.synced(share.id);
        return { shareId: share.id, status: 'published', warnings: step.warnings };
      }
      if (attempt >= FOLLOW_ATTEMPTS) throw errors.conflict('The link changed while it was being updated; try again.');
    }
  }

  async revoke(user: User, id: string): Promise<ShareRecord> {
    const share = await this.ownShare(user, id);
    if (!authorize(user, 'revoke', share)) throw errors.shareRevoked();
    await this.deps.shares.revoke(share.id, user.id);
    await this.deps.searchIndex.sync(share.id);
    await this.forgetPages([share.id]);
    return (await this.deps.shares.findById(share.id))!;
  }

  /**
   * Gives a live link a new code and kills the old one at once (every path looks shares up by
   * code); settings, snapshot and views stay, as they are keyed by the share's id. A revoked
   * link is refused like an edit, a taken-down one with the takedown.
   */
  async rotate(user: User, id: string): Promise<ShareRecord> {
    const share = await this.ownShare(user, id);
    if (!authorize(user, 'update', share)) throw editRefusal(share);
    const rotated = await this.withFreshCode(
      (code) => this.deps.shares.rotateCode(share.id, code),
      async () => true,
    );
    // Revoked or taken down since it was read.
    if (!rotated) throw editRefusal((await this.deps.shares.findById(share.id)) ?? share);
    // Explore's index is keyed by share id and reads the code from the share, so it needs no sync.
    return this.drawn((await this.deps.shares.findById(share.id))!);
  }

  /**
   * The owner's views per UTC day for the `days` days ending today, oldest first, with a 0 for
   * each day nobody looked (a chart needs every day). Revoked links keep their history.
   */
  async dailyViews(user: User, id: string, days: number): Promise<DailyViews[]> {
    const share = await this.ownShare(user, id);
    const today = Date.UTC(...utcDate(this.deps.now()));
    const dayAt = (offset: number) => new Date(today - offset * DAY_MS).toISOString().slice(0, 10);
    const from = dayAt(days - 1);
    const counted = new Map(
      (await this.deps.shares.dailyViews(share.id, from, dayAt(0))).map((row) => [row.day, row.views]),
    );
    return Array.from({ length: days }, (_, index) => {
      const day = dayAt(days - 1 - index);
      return { day, views: counted.get(day) ?? 0 };
    });
  }

  async revokeAll(user: User): Promise<number> {
    const revoked = await this.deps.shares.revokeAllOf(user.id);
    await this.deps.searchIndex.removeOwner(user.id);
    await this.deps.pages?.forgetOwner(user.id);
    return revoked;
  }

  /** Revokes a deleted conversation's links and empties them; nothing of it stays readable or searchable. */
  async purgeConversation(conversationId: string, by: string): Promise<void> {
    const links = await this.deps.shares.idsOfConversation(conversationId);
    await this.deps.shares.purgeConversation(conversationId, by);
    await this.deps.searchIndex.removeConversation(conversationId);
    await this.forgetPages(links);
  }

  /** The secrets a share of this conversation would contain, before anything is shared. */
  async scan(user: User, conversationId: string, choice: Omit<SnapshotChoice, 'redact'>) {
    const conversation = await this.ownConversation(user, conversationId);
    return freezeFor(conversation, { ...choice, redact: false }).warnings;
  }

  /**
   * The public snapshot a share would hold, for sending elsewhere (community publishing)
   * without creating a link: names only if `showAuthor`, secrets replaced if `redact`.
   */
  async preview(user: User, conversationId: string, choice: SnapshotChoice & { showAuthor: boolean }) {
    const conversation = await this.ownConversation(user, conversationId);
    const { content, warnings } = freezeFor(conversation, choice);
    const { snapshot } = content;
    if (choice.showAuthor) return { snapshot, warnings };
    const withoutNames = snapshot.messages.map(({ author: _author, ...message }) => message);
    return { snapshot: { ...snapshot, messages: withoutNames }, warnings };
  }

  async forConversation(user: User, conversationId: string): Promise<ShareRecord | undefined> {
    const conversation = await this.ownConversation(user, conversationId);
    return this.deps.shares.findLiveByConversation(conversation.id);
  }

  /**
   * Loads a share by its public code (the one indexed lookup) and applies the access policy.
   * Throws 404 / 410 / 401 exactly as `canView` decides.
   */
  async access(code: string, viewer: Viewer): Promise<ShareAccess> {
    return this.decide(isShortCode(code) ? await this.deps.shares.findByCode(code) : undefined, viewer);
  }

  /**
   * `access` when the database can answer at once (SQLite, db/committed-reads.ts): the
   * decision, or `null` when the lookup has to wait (PostgreSQL; use `access`).
   */
  accessNow(code: string, viewer: Viewer): ShareAccess | null {
    if (!isShortCode(code)) return this.decide(undefined, viewer);
    const share = this.deps.shares.findByCodeNow(code);
    return share === null ? null : this.decide(share, viewer);
  }

  /** The access decision on a share just looked up (core canView); throws the refusal. */
  private decide(share: ShareRecord | undefined, viewer: Viewer): ShareAccess {
    if (!share) throw errors.shareNotFound();
    const decision = canView(share, viewer, this.deps.now());
    if (!decision.allowed) throw decisionError(decision.reason, share);
    return { share, isOwner: decision.isOwner, reveal: decision.reveal, viewsLeft: decision.viewsLeft };
  }

  /**
   * Counts one view by someone other than the owner. A share with a view limit is counted at
   * once with an atomic conditional update, so the limit holds exactly under concurrency
   * (410 once it is reached); any other share is counted in memory and written in batches.
   * Automated clients (crawlers, link previews) are not counted, except against a view limit:
   * a User-Agent is easy to fake, and the limit must not be.
   */
  async countView(share: ShareRecord, client: { automated: boolean }): Promise<void> {
    if (!isViewLimited(share)) return this.countUnlimitedView(share, client);
    if (!(await this.deps.shares.recordView(share.id))) throw errors.shareUsedUp();
  }

  /** `countView` of a share without a view limit: in memory, so it is done at once and cannot fail. */
  countUnlimitedView(share: ShareRecord, client: { automated: boolean }): void {
    if (!client.automated) this.deps.shares.bufferView(share.id);
  }

  /** The frozen content of a share that `access` allowed. */
  async snapshotOf(share: ShareRecord): Promise<Snapshot> {
    const snapshot = await this.deps.shares.snapshot(share.id);
    if (!snapshot) throw errors.shareNotFound();
    return snapshot;
  }

  /** `access`, then the view counted (unless the owner's or `countView` is false), then the snapshot. */
  async open(code: string, viewer: Viewer, options: { countView: boolean; automated?: boolean }) {
    const { share, isOwner } = await this.access(code, viewer);
    if (options.countView && !isOwner) await this.countView(share, { automated: options.automated ?? false });
    return { share, snapshot: await this.snapshotOf(share), isOwner };
  }

  /** The share a password unlock is for: everything but the password must already allow the viewer. */
  async forUnlock(code: string, viewer: Viewer): Promise<ShareRecord> {
    const share = isShortCode(code) ? await this.deps.shares.findByCode(code) : undefined;
    if (!share) throw errors.shareNotFound();
    const decision = canView(share, { ...viewer, unlockedPasswordVersion: share.passwordVersion }, this.deps.now());
    if (!decision.allowed) throw decisionError(decision.reason, share);
    return share;
  }
}

/** What a live link took in of a change to its conversation (`ShareService.follow`). */
export interface LiveFollow {
  shareId: string;
  /**
   * `held`: the link still shows what it showed, for `reason`, until its owner updates it;
   * `failed`: it could not be updated now (logged); the next change or update catches up.
   */
  status: 'published' | 'unchanged' | 'held' | 'failed';
  reason?: LiveHoldReason;
  /** Possible secrets in the change: replaced when published, kept back when held. */
  warnings: FrozenWarning[];
}

/** Races lost in a row before a follow gives up: each one means a newer change landed. */
const FOLLOW_ATTEMPTS = 5;

/**
 * What a create or update freezes: the owner's choice; on a live link that follows the
 * current branch and was not given a branch, the current branch (core `liveAsk`).
 */
function choiceOf(conversation: ConversationRecord, input: SnapshotChoice, share?: ShareRecord): SnapshotChoice {
  if (input.leafMessageId !== undefined || share?.liveUpdates !== 'current') return input;
  return { ...liveAsk(conversation, share.selection, 'current'), ...input };
}

/**
 * Whether the link follows its conversation after a create or update, and which branch: as
 * asked, else as it was; a link made live follows the current branch when it shows it, else
 * the branch it shows. Any update the owner makes ends a hold: they saw the warnings.
 */
function liveStateOf(
  conversation: ConversationRecord,
  input: { liveUpdates?: boolean; leafMessageId?: string },
  frozen: Frozen,
  share?: ShareRecord,
): LiveState {
  const on = input.liveUpdates ?? (share?.liveUpdates ?? null) !== null;
  if (!on) return { liveUpdates: null, liveHeld: null };
  const kept = input.leafMessageId === undefined ? (share?.liveUpdates ?? null) : null;
  return { liveUpdates: kept ?? liveUpdatesFrom(conversation, frozen.content.selection.leafMessageId), liveHeld: null };
}

/** 410 `share_taken_down` with the admin's reason: only ever sent to the link's owner. */
const takenDownError = (share: ShareRecord) =>
  errors.shareTakenDown(undefined, {
    takenDownAt: share.takenDownAt?.toISOString() ?? null,
    reason: share.takedownReason,
  });

/** Why the owner may not change the link (`canEdit`): taken down (with the reason), or revoked. */
function editRefusal(share: ShareRecord) {
  const edit = canEdit(share);
  if (!edit.allowed && edit.reason === 'taken_down') return takenDownError(share);
  return errors.shareRevoked('This link was revoked; share the conversation again for a new link.');
}

/** Who may see a share, as `access` decided it. */
export interface ShareAccess {
  share: ShareRecord;
  isOwner: boolean;
  reveal: Reveal;
  viewsLeft: number | null;
}

export function decisionError(reason: DenialReason, share?: ShareRecord) {
  switch (reason) {
    case 'not_found':
      return errors.shareNotFound();
    case 'expired':
      return errors.shareExpired();
    case 'used_up':
      return errors.shareUsedUp();
    case 'password_required':
      return errors.passwordRequired();
    case 'taken_down':
      return share ? takenDownError(share) : errors.shareTakenDown();
  }
}
