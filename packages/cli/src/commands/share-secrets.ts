/**
 * The secret check `share` runs before any link exists: the server's scan of each
 * conversation (`GET /conversations/:id/secrets`), the findings on stderr (kind, masked
 * excerpt, where; never the secret, and never the title, which can hold it), and the owner's
 * decision — asked on a terminal, given by --redact / --allow-secrets elsewhere. Without a
 * decision nothing is shared: a script gets `secrets_decision_required` (exit 2).
 */
import { isChatshareError, type ChatshareClient, type SecretWarning, type Share } from '@chatshare/client';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';
import { plural, type Output } from '../output.js';
import { ask, isInteractive } from '../prompt.js';
import { withRetry } from '../retry.js';

export interface Finding {
  conversationId: string;
  warnings: SecretWarning[];
}

export type SecretsDecision = 'redact' | 'asIs' | 'cancel';

/** The conversation's live link, if it has one. */
async function liveShare(client: ChatshareClient, conversationId: string): Promise<Share | null> {
  try {
    return await client.shares.forConversation(conversationId);
  } catch (error) {
    if (isChatshareError(error) && error.code === 'share_not_found') return null;
    throw error;
  }
}

/** The conversations whose link would publish possible secrets, in the order given. */
export async function findSecrets(client: ChatshareClient, ids: string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const conversationId of ids) {
    const share = await withRetry(() => liveShare(client, conversationId));
    // A live link that already redacts keeps redacting when shared again: nothing to decide.
    if (share?.settings.redact) continue;
    // Sharing again refreshes the part of the conversation the link holds: scan that part.
    const selection = share?.settings.selection;
    const query = selection
      ? {
          ...(selection.leafMessageId !== null ? { leafMessageId: selection.leafMessageId } : {}),
          start: selection.start,
          ...(selection.end !== null ? { end: selection.end } : {}),
        }
      : {};
    const { warnings } = await withRetry(() => client.shares.scan(conversationId, query));
    if (warnings.length > 0) findings.push({ conversationId, warnings });
  }
  return findings;
}

export function printFindings(output: Output, findings: Finding[]): void {
  for (const { conversationId, warnings } of findings) {
    output.warn(`conversation ${conversationId} may contain ${plural(warnings.length, 'secret')}:`);
    for (const warning of warnings) {
      output.io.stderr.write(`  ${warning.label} ${warning.preview} in ${warning.location}\n`);
    }
  }
}

/** Reads the answer to "Redact and share / Share as is / Cancel"; anything else cancels. */
export async function askDecision(io: Io): Promise<SecretsDecision> {
  const answer = (await ask(io, 'Redact and share (r), Share as is (s), or Cancel (c)? [r/s/C] ')).toLowerCase();
  if (answer === 'r' || answer === 'redact') return 'redact';
  if (answer === 's' || answer === 'share') return 'asIs';
  return 'cancel';
}

export const secretsDecisionRequired = (count: number) =>
  new CliError(
    `found ${plural(count, 'conversation')} with possible secrets (listed above), so nothing was shared: ` +
      'pass --redact to replace them in the shared copy, or --allow-secrets to share them as written',
    'secrets_decision_required',
    EXIT.usage,
  );

/**
 * Asks (on a terminal) or refuses (elsewhere) when `findings` is not empty. Resolves to the
 * `redact` value to send for the conversations found, or `undefined` when there were none.
 */
export async function decideOnSecrets(io: Io, output: Output, findings: Finding[]): Promise<boolean | undefined> {
  if (findings.length === 0) return undefined;
  printFindings(output, findings);
  if (!isInteractive(io)) throw secretsDecisionRequired(findings.length);
  const decision = await askDecision(io);
  if (decision === 'cancel') throw new CliError('nothing was shared', 'cancelled', EXIT.failure);
  return decision === 'redact';
}
