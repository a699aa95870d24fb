/**
 * The SDK's types. The REST API's request and response shapes are generated from the server's
 * route schemas into api-types.ts; the conversation model and the lists core owns come from
 * @chatshare/core. What is left here has no route schema of its own: the paging envelope,
 * which JSON Schema cannot say generically, and the names kept for the types core owns.
 * test/server-types.check.ts checks them against the server.
 */
import type { OnDuplicate as CoreOnDuplicate, Privacy } from '@chatshare/core';
import type { PageQuery } from './api-types.js';

export type * from './api-types.js';
export type {
  ConversationInput,
  ImportFormat,
  Message,
  NewMessage,
  Part,
  ReportReason,
  Role,
  ShareSelection,
} from '@chatshare/core';

/** public: listed and searchable; unlisted: anyone with the link; private: invited emails only. */
export type SharePrivacy = Privacy;

/**
 * What an import does with a conversation imported before (same source id, or same content
 * when the source has none): `skip` it, `update` one that changed at the source (its messages
 * are replaced; id, title and links stay), or `copy` it (stored again).
 */
export type OnDuplicate = CoreOnDuplicate;

/** One page of a cursor-paged list. Pass `nextCursor` back as `cursor`; `null` means the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type ListConversationsQuery = PageQuery;
