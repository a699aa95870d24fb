/**
 * The access decision as a page, for every page under /s/:code (the conversation, its report
 * form): 404, 410 (expired, used up, or taken down, which only the owner is ever told), 401 with the
 * password form, or 429 (see shareMisses, which counts the 404s). Anything that is not a decision goes on to the error handler.
 */
import { isAppError, isShortCode, shareUrl } from '@chatshare/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LockedCard } from '../../og/card.js';
import type { Gate } from '../../views/GatePage.js';
import type { Locale } from '../../views/i18n.js';
import { gatePreview } from '../../views/preview.js';
import { sendGate } from './page-reply.js';
import type { GateQuery, PageCodeParams } from './schema.js';

export type GateRequest = FastifyRequest<{ Params: PageCodeParams; Querystring: GateQuery }>;

/** Whether a 410 is a view-limited link whose views are used up (rather than an expired one). */
export const isUsedUp = (error: { details?: unknown }) =>
  (error.details as { usedUp?: unknown } | undefined)?.usedUp === true;

function gateOf(status: number, code: string, errorCode: string, details: unknown, query: GateQuery) {
  if (errorCode === 'share_taken_down') {
    const reason = (details as { reason?: unknown } | undefined)?.reason;
    return { kind: 'taken_down', reason: typeof reason === 'string' ? reason : '' } satisfies Gate;
  }
  const gates: Record<number, Gate | undefined> = {
    // The same page for unknown, revoked and hidden private links: it reveals nothing.
    404: { kind: 'not_found', signInUrl: isShortCode(code) ? `/app/signin?next=%2Fs%2F${code}` : '/app/signin' },
    410: isUsedUp({ details }) ? { kind: 'used_up' } : { kind: 'expired' },
    401: {
      kind: 'password',
      code,
      error: query.error === 'wrong_password' || query.error === 'rate_limited' ? query.error : null,
    },
    429: { kind: 'rate_limited' },
  };
  return gates[status];
}

export async function sendAccessGate(
  app: FastifyInstance,
  error: unknown,
  request: GateRequest,
  reply: FastifyReply,
  locale: Locale,
) {
  if (!isAppError(error)) throw error;
  const { code } = request.params;
  const gate = gateOf(error.status, code, error.code, error.details, request.query);
  if (!gate) throw error;
  // Link previews of a gate are generic: what kind of link it is, never a word of it. A
  // hidden private link gets the not-found page, so unknown codes get the "private" card too.
  const kinds: Record<number, LockedCard['kind'] | undefined> = { 404: 'private', 401: 'password', 410: 'expired' };
  // A used-up link's card is the generic "a shared conversation", as before it was used up.
  const kind = isUsedUp(error) ? 'limited' : kinds[error.status];
  const url = isShortCode(code) ? shareUrl(app.config.publicUrl, code) : null;
  const preview = kind ? gatePreview({ kind, url, locale, publicUrl: app.config.publicUrl }) : undefined;
  return sendGate(reply, error.status, gate, locale, preview);
}
