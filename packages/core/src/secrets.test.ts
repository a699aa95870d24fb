import { describe, expect, it } from 'vitest';
import { findSecrets, maskSecrets, redactSecrets } from './secrets.js';

describe('findSecrets', () => {
  it.each([
    ['openai_key', 'key sk-abcdefghijklmnopqrstuvwxyz0123'],
    ['openai_key', 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz_-012345'],
    ['anthropic_key', 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz'],
    ['aws_access_key', 'AKIAIOSFODNN7EXAMPLE'],
    ['github_token', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB'],
    ['github_token', `github_pat_${'a'.repeat(60)}`],
    ['slack_token', 'xoxb-1234567890-abcdefghij'],
    ['google_api_key', `AIza${'b'.repeat(35)}`],
    ['stripe_key', 'sk_live_0123456789abcdefgh'],
    ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2hlcmU'],
    ['email', 'write to someone@example.org please'],
    ['private_key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----'],
  ])('finds a %s', (kind, text) => {
    expect(findSecrets(text).map((match) => match.kind)).toEqual([kind]);
  });

  it('ignores ordinary text that merely looks technical', () => {
    expect(findSecrets('sk-short, task-123, AKIA too short, eyJ alone, a@b, skeleton-key')).toEqual([]);
  });

  it('masks the preview', () => {
    const [match] = findSecrets('sk-abcdefghijklmnopqrstuvwxyz0123');
    expect(match!.preview).toBe('sk-a…0123');
  });
});

describe('redactSecrets', () => {
  it('replaces each secret and keeps the text around it', () => {
    expect(redactSecrets('a AKIAIOSFODNN7EXAMPLE b x@example.com c')).toBe(
      'a [REDACTED AWS access key] b [REDACTED Email address] c',
    );
  });

  it('leaves text without secrets untouched', () => {
    expect(redactSecrets('nothing to see')).toBe('nothing to see');
  });
});

describe('maskSecrets', () => {
  it('leaves only the masked form of each secret, and the text around it', () => {
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
    expect(maskSecrets(`use ${key} and mail ana@example.com today`)).toBe(
      `use ${findSecrets(key)[0]!.preview} and mail ${findSecrets('ana@example.com')[0]!.preview} today`,
    );
    expect(maskSecrets(`use ${key}`)).not.toContain('abcdefghijklmnop');
    expect(maskSecrets('nothing secret')).toBe('nothing secret');
  });
});
