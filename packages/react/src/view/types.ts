import type { Part, Role } from '@chatshare/core';

/** A message as the view reads it: the public shape of `GET /api/v1/shared/:code`. */
export interface ViewMessage {
  id: string;
  role: Role;
  author?: string;
  parts: Part[];
  createdAt?: string;
  status?: 'complete' | 'incomplete';
  model?: string;
}

export interface ViewConversation {
  title: string;
  /** When the snapshot was taken (ISO 8601). */
  sharedAt?: string;
  /** The link follows the conversation (live updates): `sharedAt` is when it last changed. */
  live?: boolean;
  /** The sharer's display name when they chose to show it ("Shared by …"); shown as text only. */
  sharedBy?: string | null;
  messages: ViewMessage[];
}
