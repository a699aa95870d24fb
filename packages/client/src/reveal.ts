import type { SharedConversation, SharedRevealRequired } from './types.js';

/** Whether `shared.get` answered the reveal step of a view-limited link rather than its content. */
export const isRevealRequired = (shared: SharedConversation | SharedRevealRequired): shared is SharedRevealRequired =>
  'revealRequired' in shared && shared.revealRequired === true;
