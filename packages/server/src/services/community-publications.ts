/**
 * Publishing a conversation that another instance sent to this one's /publish page: the
 * snapshot is read through the chatshare importer (it is hostile input like any import), then
 * stored as a conversation of the signed-in person with a public link. Both or neither: if the
 * link cannot be made, the conversation is removed again.
 */
import { cleanTitle, errors, importConversations, type ConversationDraft } from '@chatshare/core';
import type { Config } from '../env.js';
import type { ConversationRepository } from '../repositories/conversations.js';
import type { User } from '../repositories/users.js';
import type { ShareService } from './shares.js';

export interface PublicationInput {
  /** The snapshot as posted: `{ format: 1, title, models, messages }`. */
  conversation: unknown;
  title: string;
  showAuthor: boolean;
  /** The sender's origin, as the /publish page saw it on the message. */
  sourceOrigin: string;
}

export interface PublicationDeps {
  config: Pick<Config, 'communityAllowedOrigins' | 'enableOpenSharing'>;
  now: () => Date;
  conversations: ConversationRepository;
  shareService: ShareService;
}

/** An origin such as `https://chat.example.com`: scheme, host, port, nothing else. */
const isOrigin = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
};

/** Whether this instance takes conversations from `origin` (COMMUNITY_ALLOWED_ORIGINS; empty = any). */
export const acceptsSender = (origin: string, allowed: readonly string[]): boolean =>
  allowed.length === 0 || allowed.includes(origin);

/** The posted snapshot as a conversation draft; `import_failed` (400) names what is wrong. */
export function readSnapshot(input: unknown, now: Date): ConversationDraft {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw errors.invalidConversation('conversation must be a chatshare snapshot object.');
  }
  const { format, ...conversation } = input as Record<string, unknown>;
  if (format !== 1) throw errors.invalidConversation('conversation.format must be 1 (a chatshare snapshot).');
  const [draft] = importConversations(conversation, { now, format: 'chatshare' }).conversations;
  if (!draft) throw errors.invalidConversation();
  return draft;
}

export async function publishFromCommunity(deps: PublicationDeps, user: User, input: PublicationInput) {
  if (!isOrigin(input.sourceOrigin))
    throw errors.validation('sourceOrigin must be an origin like https://chat.example.com');
  if (!acceptsSender(input.sourceOrigin, deps.config.communityAllowedOrigins)) {
    throw errors.communityOriginNotAllowed(
      `This instance does not accept conversations sent from ${input.sourceOrigin}.`,
    );
  }
  // Checked before anything is written: a public link is the whole point of publishing.
  if (!deps.config.enableOpenSharing) {
    throw errors.openSharingDisabled('This instance allows only private links, so nothing can be published here.');
  }
  const draft = readSnapshot(input.conversation, deps.now());
  const title = cleanTitle(input.title, '');
  if (title === '') throw errors.validation('body.title must not be blank');

  const conversation = await deps.conversations.create(user.id, { ...draft, title });
  try {
    const { share, warnings } = await deps.shareService.createOrRefresh(user, {
      conversationId: conversation.id,
      privacy: 'public',
      showAuthor: input.showAuthor,
    });
    return { share, warnings };
  } catch (error) {
    // Nothing half-written: without its link the conversation was never published.
    await deps.conversations.delete(conversation.id);
    throw error;
  }
}

/** Publishing for the routes, with the instance's dependencies bound once. */
export class CommunityPublicationService {
  constructor(private readonly deps: PublicationDeps) {}

  publish(user: User, input: PublicationInput) {
    return publishFromCommunity(this.deps, user, input);
  }
}
