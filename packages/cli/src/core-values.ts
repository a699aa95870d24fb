/**
 * The few values of @chatshare/core the command line needs before any import runs (option
 * choices, limits checked while parsing). Loading core means loading its schema library —
 * about half a second through tsx — which `list`, `revoke` or `--help` should not pay; so
 * they are repeated here, and the compiler checks them against core's own declarations:
 * change a limit or a format in core and this file stops compiling.
 */
import type { IMPORT_FORMATS, LIMITS, ON_DUPLICATE } from '@chatshare/core';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;

export const FORMATS = ['chatshare', 'openai', 'chatgpt', 'claude', 'openwebui', 'librechat'] as const;
export type FormatsMatchCore = Check<Same<(typeof FORMATS)[number], (typeof IMPORT_FORMATS)[number]>>;

export const ON_DUPLICATE_CHOICES = ['skip', 'update', 'copy'] as const;
export type OnDuplicateMatchesCore = Check<Same<(typeof ON_DUPLICATE_CHOICES)[number], (typeof ON_DUPLICATE)[number]>>;

export const CORE_LIMITS = {
  tokenNameLength: 100,
  sharePasswordMaxLength: 256,
  pageSizeMax: 100,
  maxViewsMax: 1_000_000_000,
  // Core computes this one (24 * 365 * 10), so its type is only `number`: the server checks it too.
  expiresInHoursMax: 24 * 365 * 10,
} as const satisfies Pick<
  typeof LIMITS,
  'tokenNameLength' | 'sharePasswordMaxLength' | 'pageSizeMax' | 'maxViewsMax' | 'expiresInHoursMax'
>;
