/**
 * The share dialog's settings form as plain data: its initial state from a share (or the
 * defaults), validation, and the API input it turns into. Kept apart from the components so
 * the rules can be tested without rendering.
 */
import { LIMITS, ownerAllowsCopy, PRIVACY_LEVELS, SHARE_DEFAULTS } from '@chatshare/core';
import type { SharePrivacy, ShareSettings, ShareSettingsInput } from '@chatshare/client';

/** The expiry choices the dialog offers; `keep` leaves an existing expiry as it is. */
export const EXPIRY_CHOICES = ['never', '1h', '24h', '7d', '30d'] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number] | 'keep';

/** Each choice as the API's `expiresIn` (hours; `null` for never). */
export const EXPIRY_HOURS: Record<(typeof EXPIRY_CHOICES)[number], number | null> = {
  never: null,
  '1h': 1,
  '24h': 24,
  '7d': 7 * 24,
  '30d': 30 * 24,
};

export { PRIVACY_LEVELS };

/**
 * The view limit choices: none, one open (burn after reading), or a number of opens. A link
 * with a limit shows readers a click-to-reveal step, so link previews never use a view.
 */
export const VIEW_LIMIT_CHOICES = ['off', 'once', 'number'] as const;
export type ViewLimitChoice = (typeof VIEW_LIMIT_CHOICES)[number];

/** The `maxViews` the form asks for: null without a limit, undefined when the number is not valid. */
export function maxViewsOf(form: Pick<ShareFormState, 'viewLimit' | 'maxViewsText'>): number | null | undefined {
  if (form.viewLimit === 'off') return null;
  if (form.viewLimit === 'once') return 1;
  const text = form.maxViewsText.trim();
  if (!/^\d+$/.test(text)) return undefined;
  const views = Number(text);
  return views >= 1 && views <= LIMITS.maxViewsMax ? views : undefined;
}

/** The server's default (`unlisted`) when it is allowed, otherwise the first allowed level. */
export function defaultPrivacy(allowed: readonly SharePrivacy[] = PRIVACY_LEVELS): SharePrivacy {
  return allowed.includes(SHARE_DEFAULTS.privacy) ? SHARE_DEFAULTS.privacy : (allowed[0] ?? 'private');
}

export interface ShareFormState {
  privacy: SharePrivacy;
  /** As typed: one address per line or comma-separated. */
  emailsText: string;
  passwordOn: boolean;
  /** A new password; empty keeps the current one when the share already has a password. */
  password: string;
  expiry: ExpiryChoice;
  allowIndexing: boolean;
  showAuthor: boolean;
  allowEmbed: boolean;
  /**
   * Whether readers may save a copy, as the owner chose it; null while they never did, so the
   * link follows the default of its privacy level (see `copyChecked`).
   */
  allowCopy: boolean | null;
  /** The link follows the conversation (live updates) instead of keeping its snapshot. */
  liveUpdates: boolean;
  viewLimit: ViewLimitChoice;
  /** As typed, for `viewLimit: 'number'`. */
  maxViewsText: string;
}

function viewLimitOf(maxViews: number | null): Pick<ShareFormState, 'viewLimit' | 'maxViewsText'> {
  if (maxViews === null) return { viewLimit: 'off', maxViewsText: '' };
  if (maxViews === 1) return { viewLimit: 'once', maxViewsText: '' };
  return { viewLimit: 'number', maxViewsText: String(maxViews) };
}

/**
 * The form for a new share (the server's defaults), or showing an existing share's settings.
 * `allowed` is what the instance accepts: a level outside it is never preselected.
 */
export function initialForm(
  settings: ShareSettings | null,
  allowed: readonly SharePrivacy[] = PRIVACY_LEVELS,
): ShareFormState {
  if (!settings) {
    return {
      privacy: defaultPrivacy(allowed),
      emailsText: '',
      passwordOn: false,
      password: '',
      expiry: 'never',
      allowIndexing: SHARE_DEFAULTS.allowIndexing,
      showAuthor: SHARE_DEFAULTS.showAuthor,
      allowEmbed: SHARE_DEFAULTS.allowEmbed,
      allowCopy: null,
      liveUpdates: false,
      ...viewLimitOf(null),
    };
  }
  return {
    privacy: allowed.includes(settings.privacy) ? settings.privacy : defaultPrivacy(allowed),
    emailsText: settings.allowedEmails.join('\n'),
    passwordOn: settings.hasPassword,
    password: '',
    expiry: settings.expiresAt === null ? 'never' : 'keep',
    allowIndexing: settings.allowIndexing,
    showAuthor: settings.showAuthor,
    allowEmbed: settings.allowEmbed,
    allowCopy: settings.allowCopy,
    liveUpdates: settings.liveUpdates !== null,
    ...viewLimitOf(settings.maxViews),
  };
}

// Deliberately loose (one @, a dot in the domain, no spaces): the server has the final word.
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** The addresses in `text`, de-duplicated ignoring case, and the entries that are not addresses. */
export function parseEmails(text: string): { emails: string[]; invalid: string[] } {
  const seen = new Set<string>();
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const entry of text.split(/[\s,;]+/)) {
    const value = entry.trim();
    if (value === '') continue;
    if (!EMAIL.test(value) || value.length > LIMITS.emailLength) {
      invalid.push(value);
      continue;
    }
    const key = value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    emails.push(value);
  }
  return { emails, invalid };
}

export type EmailsProblem = { kind: 'invalid'; entries: string[] } | { kind: 'tooMany'; max: number };

export interface FormProblems {
  emails?: EmailsProblem;
  password?: 'required';
  /** The number of opens is not a whole number from 1 to LIMITS.maxViewsMax. */
  maxViews?: { kind: 'invalid'; max: number };
}

export function validateForm(form: ShareFormState, settings: ShareSettings | null): FormProblems {
  const problems: FormProblems = {};
  if (form.privacy === 'private') {
    const { emails, invalid } = parseEmails(form.emailsText);
    if (invalid.length > 0) problems.emails = { kind: 'invalid', entries: invalid };
    else if (emails.length > LIMITS.allowedEmailsPerShare) {
      problems.emails = { kind: 'tooMany', max: LIMITS.allowedEmailsPerShare };
    }
  }
  if (form.passwordOn && form.password === '' && !settings?.hasPassword) problems.password = 'required';
  if (maxViewsOf(form) === undefined) problems.maxViews = { kind: 'invalid', max: LIMITS.maxViewsMax };
  return problems;
}

/** Whether the "Allow saving a copy" box shows ticked: the owner's choice, else the default of the privacy chosen. */
export const copyChecked = (form: Pick<ShareFormState, 'allowCopy' | 'privacy'>): boolean => ownerAllowsCopy(form);

export const hasProblems = (problems: FormProblems) => Object.keys(problems).length > 0;

/** Every setting the form shows, as the API takes it (for a new share). */
export function createInput(form: ShareFormState): ShareSettingsInput {
  return {
    privacy: form.privacy,
    ...(form.privacy === 'private' ? { allowedEmails: parseEmails(form.emailsText).emails } : {}),
    ...(form.passwordOn && form.password !== '' ? { password: form.password } : {}),
    ...(form.expiry !== 'keep' ? { expiresIn: EXPIRY_HOURS[form.expiry] } : {}),
    // Only public links can be indexed; sending false keeps a stale `true` from lingering.
    allowIndexing: form.privacy === 'public' && form.allowIndexing,
    showAuthor: form.showAuthor,
    allowEmbed: form.allowEmbed,
    // Only once the owner chose: otherwise the link keeps following its privacy's default.
    ...(form.allowCopy !== null ? { allowCopy: form.allowCopy } : {}),
    ...(form.liveUpdates ? { liveUpdates: true } : {}),
    // Only sent when valid (validateForm reports the rest): null turns a limit off.
    ...(maxViewsOf(form) !== undefined ? { maxViews: maxViewsOf(form) } : {}),
  };
}

const sameEmails = (a: string[], b: string[]) => {
  const lower = (list: string[]) => [...new Set(list.map((item) => item.toLowerCase()))].sort().join('\n');
  return lower(a) === lower(b);
};

/** Only what the person changed, so saving never resets an expiry or password by accident. */
export function updateInput(form: ShareFormState, settings: ShareSettings): ShareSettingsInput {
  const all = createInput(form);
  const input: ShareSettingsInput = {};
  if (all.privacy !== settings.privacy) input.privacy = all.privacy;
  if (all.allowedEmails && !sameEmails(all.allowedEmails, settings.allowedEmails)) {
    input.allowedEmails = all.allowedEmails;
  }
  if (all.password !== undefined) input.password = all.password;
  else if (!form.passwordOn && settings.hasPassword) input.password = null;
  // Choosing an expiry again always moves it (it counts from now); "keep" sends nothing.
  if (all.expiresIn !== undefined && !(all.expiresIn === null && settings.expiresAt === null)) {
    input.expiresIn = all.expiresIn;
  }
  for (const key of ['allowIndexing', 'showAuthor', 'allowEmbed'] as const) {
    if (all[key] !== settings[key]) input[key] = all[key];
  }
  if (all.maxViews !== undefined && all.maxViews !== settings.maxViews) input.maxViews = all.maxViews;
  if (all.allowCopy !== undefined && all.allowCopy !== settings.allowCopy) input.allowCopy = all.allowCopy;
  if (form.liveUpdates !== (settings.liveUpdates !== null)) input.liveUpdates = form.liveUpdates;
  return input;
}
