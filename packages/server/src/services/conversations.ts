/**
 * Conversation use cases for their owner: create one (from any supported format, optionally as
 * an import that recognises one stored before), import a whole export file, list, read,
 * rename, delete, append messages.
 * Another user's conversation is "not found", never "forbidden".
 */
import { randomUUID } from 'node:crypto';
import {
  appendToTree,
  authorize,
  cleanLine,
  duplicateReason,
  errors,
  importConversations,
  readNewMessages,
  type ImportFormat,
  type OnDuplicate,
} from '@chatshare/core';
import type { ConversationRecord, ConversationRepository } from '../repositories/conversations.js';
import type { User } from '../repositories/users.js';
import { importFile, matchImported, type ImportReport } from './imports.js';
import type { LiveFollow, ShareService } from './shares.js';

export interface ConversationServiceDeps {
  conversations: ConversationRepository;
  /** Takes down the links of a conversation before it is deleted; brings a live link up to date after a change. */
  shares: Pick<ShareService, 'purgeConversation' | 'follow'>;
  now: () => Date;
}

export interface CreateConversationOptions {
  /** Skip detection and read the input in this format. */
  format?: ImportFormat;
  /** Treat the input as an import: what to do when the same conversation was imported before. */
  onDuplicate?: OnDuplicate;
}

/** A conversation after a change, and what its live link (if it has one) took in of it. */
export interface ChangedConversation {
  conversation: ConversationRecord;
  liveLink: LiveFollow | null;
}

export class ConversationService {
  constructor(private readonly deps: ConversationServiceDeps) {}

  /** The user's conversation `id`, or "not found" for anyone else's (and for none). */
  async own(user: User, id: string): Promise<ConversationRecord> {
    const conversation = await this.deps.conversations.findById(id);
    if (!conversation || !authorize(user, 'read', conversation)) throw errors.conversationNotFound();
    return conversation;
  }

  /**
   * Stores the one conversation `input` holds. `created` is false when an import replaced the
   * messages of the one imported before (`onDuplicate: 'update'`).
   */
  async create(
    user: User,
    input: unknown,
    options: CreateConversationOptions,
  ): Promise<ChangedConversation & { created: boolean }> {
    const result = importConversations(input, {
      now: this.deps.now(),
      ...(options.format ? { format: options.format } : {}),
    });
    if (result.conversations.length !== 1) {
      throw errors.badRequest(
        result.conversations.length === 0
          ? `No conversation could be read: ${result.skipped[0]?.reason ?? 'the input is empty'}.`
          : `The input holds ${result.conversations.length} conversations; create them one at a time.`,
      );
    }
    const draft = result.conversations[0]!;
    const { conversations } = this.deps;
    const { onDuplicate } = options;
    const created = (conversation: ConversationRecord) => ({ conversation, liveLink: null, created: true });
    if (!onDuplicate) return created(await conversations.create(user.id, draft));
    const { decision, contentHash, adopt } = await matchImported(conversations, user.id, draft, onDuplicate);
    if (decision.action === 'create') {
      return created(await conversations.create(user.id, draft, contentHash));
    }
    if (decision.action === 'skip') {
      if (adopt) await conversations.applyImport(user.id, [], [adopt]);
      const reason = duplicateReason(
        decision.code,
        decision.conversationId,
        'send it with onDuplicate=update to replace its messages',
      );
      const details = { conversationId: decision.conversationId };
      throw decision.code === 'already_imported'
        ? errors.alreadyImported(`The conversation was ${reason}.`, details)
        : errors.changedSinceImport(`The conversation ${reason}.`, details);
    }
    const gone = await conversations.applyImport(user.id, [{ id: decision.conversationId, draft, contentHash }]);
    if (gone.size > 0) throw errors.conversationNotFound();
    return { ...(await this.changed(decision.conversationId)), created: false };
  }

  /** Every conversation of a whole export file, read as a stream (see imports.ts). */
  async importFile(
    user: User,
    chunks: AsyncIterable<Uint8Array | string>,
    options: CreateConversationOptions,
  ): Promise<ImportReport> {
    const report = await importFile(
      { conversations: this.deps.conversations, now: this.deps.now },
      user.id,
      chunks,
      options,
    );
    // Replaced conversations move their live links like any change (one at a time: few have one).
    for (const { id } of report.updated) await this.deps.shares.follow(id);
    return report;
  }

  /** The user's conversations, most recently updated first. */
  list(user: User, options: { q?: string; cursor?: string; limit?: number }) {
    const { q, cursor, limit } = options;
    return this.deps.conversations.list(user.id, {
      ...(q ? { q } : {}),
      ...(cursor ? { cursor } : {}),
      limit: limit ?? 20,
    });
  }

  async rename(user: User, id: string, title: string): Promise<ChangedConversation> {
    const conversation = await this.own(user, id);
    const cleaned = cleanLine(title);
    if (cleaned === '') throw errors.validation('body.title must not be blank');
    await this.deps.conversations.rename(conversation.id, cleaned);
    return this.changed(conversation.id);
  }

  async delete(user: User, id: string): Promise<void> {
    const conversation = await this.own(user, id);
    // Links die first: if the delete then failed, nothing would be left readable.
    await this.deps.shares.purgeConversation(conversation.id, conversation.ownerId);
    await this.deps.conversations.delete(conversation.id);
  }

  /**
   * Adds messages (ours or OpenAI chat messages) under `parentId`, by default the current leaf;
   * `null` starts a new root. One unreadable message and none is added.
   */
  async append(
    user: User,
    id: string,
    input: { messages: unknown[]; parentId?: string | null },
  ): Promise<ChangedConversation> {
    const conversation = await this.own(user, id);
    // Read in full before anything is written.
    const read = readNewMessages(input.messages, 'body.messages');
    const added = read.map(({ id: messageId, ...message }) => ({ id: messageId ?? randomUUID(), ...message }));
    const tree = appendToTree(conversation, added, input.parentId);
    await this.deps.conversations.replaceTree(conversation.id, {
      ...tree,
      ...(conversation.context ? { context: conversation.context } : {}),
    });
    return this.changed(conversation.id);
  }

  /** The conversation after a change, once its live link took the change in. */
  private async changed(id: string): Promise<ChangedConversation> {
    const liveLink = await this.deps.shares.follow(id);
    return { conversation: await this.reread(id), liveLink };
  }

  /** The conversation as stored after a change (the change went through, so it exists). */
  private async reread(id: string): Promise<ConversationRecord> {
    return (await this.deps.conversations.findById(id))!;
  }
}
