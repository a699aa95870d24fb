import { isRevealRequired, type SharedConversation, type SharedRevealRequired } from '../../src/index.js';

/** The conversation of a `shared.get` answer; fails the test on a view-limited link's reveal step. */
export function contentOf(shared: SharedConversation | SharedRevealRequired): SharedConversation {
  if (isRevealRequired(shared)) throw new Error(`${shared.shortCode} answered its reveal step, not its content`);
  return shared;
}
