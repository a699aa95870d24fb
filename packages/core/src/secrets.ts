/**
 * Finds secrets people paste into chats by accident (API keys, tokens, emails) so the owner
 * is warned before sharing, and can replace them in the shared copy.
 */
export type SecretKind =
  | 'openai_key'
  | 'anthropic_key'
  | 'aws_access_key'
  | 'github_token'
  | 'slack_token'
  | 'google_api_key'
  | 'stripe_key'
  | 'private_key'
  | 'jwt'
  | 'email';

interface Detector {
  kind: SecretKind;
  label: string;
  pattern: RegExp;
}

// Order matters: more specific patterns first, so `sk-ant-…` is not reported as an OpenAI key.
const DETECTORS: readonly Detector[] = [
  {
    kind: 'private_key',
    label: 'Private key',
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  },
  { kind: 'anthropic_key', label: 'Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: 'openai_key', label: 'OpenAI API key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'stripe_key', label: 'Stripe key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: 'aws_access_key', label: 'AWS access key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  {
    kind: 'github_token',
    label: 'GitHub token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})/g,
  },
  { kind: 'slack_token', label: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'google_api_key', label: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'jwt', label: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  {
    kind: 'email',
    label: 'Email address',
    pattern: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g,
  },
];

export interface SecretMatch {
  kind: SecretKind;
  label: string;
  /** A masked form safe to show: the first and last characters only. */
  preview: string;
  start: number;
  end: number;
}

const mask = (secret: string): string => (secret.length <= 8 ? '…' : `${secret.slice(0, 4)}…${secret.slice(-4)}`);

/** Every secret in `text`, without overlaps (the first detector to claim a span wins). */
export function findSecrets(text: string): SecretMatch[] {
  const matches: SecretMatch[] = [];
  for (const detector of DETECTORS) {
    for (const found of text.matchAll(detector.pattern)) {
      const start = found.index;
      const end = start + found[0].length;
      if (matches.some((match) => start < match.end && end > match.start)) continue;
      matches.push({ kind: detector.kind, label: detector.label, preview: mask(found[0]), start, end });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

/** `text` with every secret replaced by `[REDACTED <label>]`. */
/** `text` with each secret shown only as its masked form (`sk-p…6789`), for previews on screen. */
export function maskSecrets(text: string): string {
  let result = '';
  let cursor = 0;
  for (const match of findSecrets(text)) {
    result += `${text.slice(cursor, match.start)}${match.preview}`;
    cursor = match.end;
  }
  return result + text.slice(cursor);
}

export function redactSecrets(text: string): string {
  const matches = findSecrets(text);
  let result = '';
  let cursor = 0;
  for (const match of matches) {
    result += `${text.slice(cursor, match.start)}[REDACTED ${match.label}]`;
    cursor = match.end;
  }
  return result + text.slice(cursor);
}
