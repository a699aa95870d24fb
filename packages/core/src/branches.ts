/**
 * The branches of a conversation tree: one per leaf, each the path from its root to that
 * leaf. Imports keep every branch (edited prompts, regenerated answers); apps show one at a
 * time, and a link shares one, the one the source marked current unless the owner picks another.
 */

/** What these helpers read of a message; the SDK's and the core's messages both fit. */
export interface BranchNode {
  id: string;
  parentId: string | null;
  role: string;
  parts: readonly { type: string; text?: string }[];
}

export interface Branch<M extends BranchNode = BranchNode> {
  leafId: string;
  messages: M[];
}

/** Every branch, in the order of their leaves. Stops at a missing parent or a cycle: data may come from a file. */
export function branchesOf<M extends BranchNode>(messages: readonly M[]): Branch<M>[] {
  const byId = new Map(messages.map((message) => [message.id, message]));
  const parents = new Set(messages.map((message) => message.parentId).filter((id): id is string => id !== null));
  const branches: Branch<M>[] = [];
  for (const leaf of messages) {
    if (parents.has(leaf.id)) continue;
    const path: M[] = [];
    const seen = new Set<string>();
    for (let node: M | undefined = leaf; node && !seen.has(node.id); node = byId.get(node.parentId ?? '')) {
      seen.add(node.id);
      path.push(node);
    }
    branches.push({ leafId: leaf.id, messages: path.reverse() });
  }
  return branches;
}

/** The branch holding `leafId` (the last one when it is unknown); -1 without branches. */
export function branchIndexOf(branches: readonly Branch<BranchNode>[], leafId: string | null): number {
  if (branches.length === 0) return -1;
  const exact = branches.findIndex((branch) => branch.leafId === leafId);
  if (exact >= 0) return exact;
  const containing = branches.findIndex((branch) => branch.messages.some((message) => message.id === leafId));
  return containing >= 0 ? containing : branches.length - 1;
}

/**
 * The start of a message's first text, on one line, for telling messages apart in a list.
 * `clean` runs on the whole text before it is cut (e.g. masking secrets, which a cut could hide).
 */
export function messageExcerpt(message: BranchNode, length = 60, clean = (text: string) => text): string {
  for (const part of message.parts) {
    if (part.type === 'text' && part.text?.trim()) {
      const text = clean(part.text).replace(/\s+/g, ' ').trim();
      return text.length > length ? `${text.slice(0, length - 1)}…` : text;
    }
  }
  return '';
}

/** A short text to tell branches apart: the start of the last visible text on it. */
export function branchExcerpt(branch: Branch<BranchNode>, length = 60, clean?: (text: string) => string): string {
  for (let i = branch.messages.length - 1; i >= 0; i--) {
    const message = branch.messages[i]!;
    if (message.role === 'system') continue;
    const excerpt = messageExcerpt(message, length, clean);
    if (excerpt) return excerpt;
  }
  return '';
}
