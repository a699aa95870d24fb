/**
 * `GET /s/:code/report` and `POST /s/:code/report`: the report form of a shared conversation,
 * for readers without JavaScript or an account. Every request takes the share page's access
 * decision first and answers a locked, expired or unknown link with the very same page. The
 * POST is form-encoded, checked for same origin by the auth plugin like the unlock form, and
 * draws on the same per-address limit as the report API; it ends in a thank-you page (303).
 */
import { isAppError, isReportReason, LIMITS, sharePath, type ReportReason, type Reveal } from '@chatshare/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NOINDEX, PASSWORD_REFERRER_POLICY } from '../../render/security-headers.js';
import { negotiateLocale, translator, type Locale } from '../../views/i18n.js';
import type { ReportFormError, ReportView } from '../../views/ReportPage.js';
import { renderReportPage } from '../../views/render.js';
import { openShare } from '../api/shared/viewer.js';
import { sendAccessGate } from './access-gate.js';
import { NO_STORE, setPageHeaders } from './page-reply.js';
import { PageCodeParams, ReportPageQuery } from './schema.js';

type ReportRequest = FastifyRequest<{ Params: PageCodeParams; Querystring: ReportPageQuery }>;

function sendReportPage(reply: FastifyReply, status: number, view: ReportView, locale: Locale) {
  setPageHeaders(reply);
  reply.headers({
    'cache-control': NO_STORE,
    'x-robots-tag': NOINDEX,
    'referrer-policy': PASSWORD_REFERRER_POLICY,
    vary: 'Accept-Language',
  });
  return reply.status(status).send(renderReportPage(view, locale));
}

/** The form's fields as sent; anything else in the body is ignored. */
function formFields(body: unknown): { reason: ReportReason | null; note: string } {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return {
    reason: isReportReason(fields.reason) ? fields.reason : null,
    note: typeof fields.note === 'string' ? fields.note : '',
  };
}

/** A view-limited link's title is part of what its reveal step holds back: a generic one here. */
const titleFor = (access: { share: { title: string }; reveal: Reveal }, locale: Locale) =>
  access.reveal === 'required' ? translator(locale)('preview.limited.title') : access.share.title;

type Access = Awaited<ReturnType<typeof openShare>>;
type Opened = { access: Access; locale: Locale };

export default async function reportPageRoutes(app: FastifyInstance) {
  const schema = { hide: true, params: PageCodeParams, querystring: ReportPageQuery };

  /**
   * A handler of the report page, run once the share's access decision (as the share page
   * takes it) lets the reader in; otherwise the gate page is the answer.
   */
  const opened =
    (handler: (request: ReportRequest, reply: FastifyReply, opened: Opened) => Promise<unknown>) =>
    async (request: ReportRequest, reply: FastifyReply) => {
      const locale = negotiateLocale(request.headers['accept-language']);
      let access: Access;
      try {
        access = await openShare(app, request, reply, request.params.code);
      } catch (error) {
        return sendAccessGate(app, error, request, reply, locale);
      }
      return handler(request, reply, { access, locale });
    };

  app.get(
    '/s/:code/report',
    { schema },
    opened(async (request, reply, { access, locale }) => {
      const { share, isOwner } = access;
      const view: ReportView = isOwner
        ? { kind: 'own', code: share.code }
        : request.query.sent !== undefined
          ? { kind: 'sent', code: share.code }
          : { kind: 'form', code: share.code, title: titleFor(access, locale), reason: null, note: '', error: null };
      return sendReportPage(reply, isOwner ? 403 : 200, view, locale);
    }),
  );

  app.post(
    '/s/:code/report',
    { schema },
    opened(async (request, reply, { access, locale }) => {
      const { share, isOwner } = access;
      if (isOwner) return sendReportPage(reply, 403, { kind: 'own', code: share.code }, locale);
      const { reason, note } = formFields(request.body);
      const form = (status: number, error: ReportFormError) =>
        sendReportPage(
          reply,
          status,
          { kind: 'form', code: share.code, title: titleFor(access, locale), reason, note, error },
          locale,
        );
      try {
        await app.reportLimit(request, reply);
      } catch (error) {
        // The form again, with what was typed and Retry-After from the limiter.
        if (isAppError(error) && error.status === 429) return form(429, 'rate_limited');
        throw error;
      }
      if (reason === null) return form(400, 'reason');
      if (note.length > LIMITS.reportNoteLength) return form(400, 'note');
      await app.moderation.file(access, request.user?.id ?? null, { reason, note });
      return reply.redirect(`${sharePath(share.code)}/report?sent=1`, 303);
    }),
  );
}
