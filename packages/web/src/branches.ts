/**
 * The branches of a conversation tree: one per leaf, each the path from its root to that
 * leaf. Imports keep every branch (edited prompts, regenerated answers); the app shows one at
 * a time, the one the source marked current unless the owner picks another.
 */
import type { Message } from '@chatshare/client';

export interface Branch {
  leafId: string;
  messages: Message[];
}

export function branchesOf(messages: Message[]): Branch[] {
  const byId = new Map(messages.map((message) => [message.id, message]));
  const parents = new Set(messages.map((message) => message.parentId).filter((id): id is string => id !== null));
  const branches: Branch[] = [];
  for (const leaf of messages) {
    if (parents.has(leaf.id)) continue;
    const path: Message[] = [];
    const seen = new Set<string>();
    // Stops at a missing parent or a cycle rather than looping: the data came from a file.
    for (let node: Message | undefined = leaf; node && !seen.has(node.id); node = byId.get(node.parentId ?? '')) {
      seen.add(node.id);
      path.push(node);
    }
    branches.push({ leafId: leaf.id, messages: path.reverse() });
  }
  return branches;
}

/** The branch holding the current leaf (the last one when the leaf is unknown). */
export function currentBranchIndex(branches: Branch[], currentLeafId: string | null): number {
  if (branches.length === 0) return -1;
  const exact = branches.findIndex((branch) => branch.leafId === currentLeafId);
  if (exact >= 0) return exact;
  const containing = branches.findIndex((branch) => branch.messages.some((message) => message.id === currentLeafId));
  return containing >= 0 ? containing : branches.length - 1;
}

/** A short text to tell branches apart: the start of the last visible text on it. */
export function branchExcerpt(branch: Branch, length = 60): string {
  for (let i = branch.messages.length - 1; i >= 0; i--) {
    const message = branch.messages[i]!;
    if (message.role === 'system') continue;
    for (const part of message.parts) {
      if (part.type === 'text' && part.text.trim()) {
        const text = part.text.replace(/\s+/g, ' ').trim();
        return text.length > length ? `${text.slice(0, length - 1)}…` : text;
      }
    }
  }
  return '';
}
