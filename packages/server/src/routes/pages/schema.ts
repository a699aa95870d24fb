/**
 * Params, query strings and bodies of the server-rendered pages. Params and queries are lenient on purpose: a page
 * answers what a person or a crawler typed with a page, never with a JSON validation error, so
 * a code that cannot exist reaches the share lookup (the not-found page, counted as a miss)
 * and a repeated query parameter arrives as an array, which the route reads as it sees fit.
 */
import { LIMITS } from '@chatshare/core';
import { Type, type Static } from 'typebox';

/** One query parameter, or several of the same name. */
const QueryValue = Type.Union([Type.String(), Type.Array(Type.String())]);

export const PageCodeParams = Type.Object({
  code: Type.String({ description: 'A share code; anything else is an unknown link.' }),
});
export type PageCodeParams = Static<typeof PageCodeParams>;

/** The password form's message after a failed unlock (`wrong_password`, `rate_limited`). */
export const GateQuery = Type.Object({ error: Type.Optional(QueryValue) });
export type GateQuery = Static<typeof GateQuery>;

/** The report form: the gate's message, and `sent` after a report went through. */
export const ReportPageQuery = Type.Object({ error: Type.Optional(QueryValue), sent: Type.Optional(QueryValue) });
export type ReportPageQuery = Static<typeof ReportPageQuery>;

/** `v`: the image version the page linked to (a current one is cached for good). */
export const OgImageQuery = Type.Object({ v: Type.Optional(QueryValue) });
export type OgImageQuery = Static<typeof OgImageQuery>;

/** What the explore page's search box and links send; too long is cut, an unknown sort ignored. */
export const ExploreQuery = Type.Object({
  q: Type.Optional(QueryValue),
  sort: Type.Optional(QueryValue),
  cursor: Type.Optional(QueryValue),
});
export type ExploreQuery = Static<typeof ExploreQuery>;

/** `N.xml`; any other name is the plain not-found answer. */
export const SitemapParams = Type.Object({ page: Type.String() });
export type SitemapParams = Static<typeof SitemapParams>;

/** A KaTeX font file name; only KaTeX's own names are served. */
export const FontParams = Type.Object({ file: Type.String() });
export type FontParams = Static<typeof FontParams>;

/** A share password, from the page's form or a JSON client. */
export const UnlockBody = Type.Object(
  { password: Type.String({ maxLength: LIMITS.sharePasswordMaxLength }) },
  { additionalProperties: false },
);

export const UnlockResultSchema = Type.Object(
  { unlocked: Type.Boolean() },
  {
    title: 'UnlockResult',
    description: 'What unlocking a password-protected link (`POST /s/:code/unlock`) answers to a JSON request.',
  },
);
