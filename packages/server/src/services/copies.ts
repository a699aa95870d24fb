/**
 * "Save a copy": a reader turns a shared link into a conversation of their own. The copy is
 * made from the link's frozen snapshot as its page shows it (the public presenter: positional
 * ids, no system messages or hidden context, names only where the owner shows them), never
 * from the owner's conversation, which may hold other branches and newer messages. Whether
 * the reader may copy is core's `canCopy`; a refusal answers as the page would. A copy is not
 * a view: the link's view count does not move.
 */
import {
  canCopy,
  errors,
  isShortCode,
  shareUrl,
  type ConversationDraft,
  type Message,
  type Viewer,
} from '@chatshare/core';
import type { ConversationRecord, ConversationRepository } from '../repositories/conversations.js';
import type { ShareRecord, ShareRepository } from '../repositories/shares.js';
import type { User } from '../repositories/users.js';
import { presentSharedConversation } from '../presenters/shared-conversation.js';
import { decisionError } from './shares.js';

export interface CopyServiceDeps {
  shares: Pick<ShareRepository, 'findByCode' | 'snapshot'>;
  conversations: Pick<ConversationRepository, 'create'>;
  now: () => Date;
  publicUrl: string;
  /** ENABLE_COPIES. */
  enableCopies: boolean;
}

export class CopyService {
  constructor(private readonly deps: CopyServiceDeps) {}

  /**
   * The link of `code` if `viewer` may copy it now, but for maybe signing in first
   * (`needsAccount`): 404 / 410 / 401 (password) exactly as the page, 403 `copy_not_allowed`
   * where the owner or the instance does not allow copies (or the link has a view limit).
   */
  async offer(code: string, viewer: Viewer): Promise<{ share: ShareRecord; needsAccount: boolean }> {
    const share = isShortCode(code) ? await this.deps.shares.findByCode(code) : undefined;
    if (!share) throw errors.shareNotFound();
    const decision = canCopy(share, viewer, this.deps.now(), { enableCopies: this.deps.enableCopies });
    if (decision.allowed) return { share, needsAccount: false };
    switch (decision.reason) {
      case 'not_signed_in':
        return { share, needsAccount: true };
      case 'instance_disabled':
      case 'not_allowed':
      case 'view_limited':
        throw errors.copyNotAllowed();
      default:
        throw decisionError(decision.reason, share);
    }
  }

  /** `offer`, with 401 `unauthenticated` for a reader without an account. */
  async copyable(code: string, viewer: Viewer): Promise<ShareRecord> {
    const { share, needsAccount } = await this.offer(code, viewer);
    if (needsAccount) throw errors.unauthenticated('Sign in to save a copy of this conversation.');
    return share;
  }

  /** A new conversation of `user`'s holding what `share` shows; `copyable` let them. */
  async copy(share: ShareRecord, user: User): Promise<ConversationRecord> {
    const snapshot = await this.deps.shares.snapshot(share.id);
    if (!snapshot) throw errors.shareNotFound();
    const shown = presentSharedConversation(share, snapshot, null);
    const now = this.deps.now().toISOString();
    const messages: Message[] = shown.messages.map((message) => ({ ...message, parts: [...message.parts] }));
    const draft: ConversationDraft = {
      title: shown.title,
      messages,
      currentLeafId: messages.at(-1)?.id ?? null,
      models: shown.models,
      source: { format: 'chatshare', importedAt: now },
    };
    return this.deps.conversations.create(user.id, draft, undefined, {
      code: share.code,
      url: shareUrl(this.deps.publicUrl, share.code),
      at: now,
    });
  }
}
