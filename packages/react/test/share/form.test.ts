import { describe, expect, it } from 'vitest';
import {
  EXPIRY_HOURS,
  initialShareForm,
  parseEmails,
  shareFormChanges,
  shareFormInput,
  validateShareForm,
} from '../../src/index.js';
import { buildShareSettings } from './helpers/build-settings.js';

const settings = buildShareSettings;

describe('the share form', () => {
  it('starts from the server defaults: unlisted, no password, never expires, embeddable', () => {
    expect(initialShareForm(null)).toEqual({
      privacy: 'unlisted',
      emailsText: '',
      passwordOn: false,
      password: '',
      expiry: 'never',
      allowIndexing: false,
      showAuthor: false,
      allowEmbed: true,
      allowCopy: null,
      liveUpdates: false,
      viewLimit: 'off',
      maxViewsText: '',
    });
  });

  it('sends live updates only when asked on a new link, and their change when saving', () => {
    const fresh = initialShareForm(null);
    expect(shareFormInput(fresh)).not.toHaveProperty('liveUpdates');
    expect(shareFormInput({ ...fresh, liveUpdates: true })).toMatchObject({ liveUpdates: true });
    const snapshotLink = settings();
    expect(shareFormChanges({ ...initialShareForm(snapshotLink), liveUpdates: true }, snapshotLink)).toEqual({
      liveUpdates: true,
    });
    const liveLink = settings({ liveUpdates: { follows: 'current', held: null } });
    expect(initialShareForm(liveLink).liveUpdates).toBe(true);
    expect(shareFormChanges(initialShareForm(liveLink), liveLink)).toEqual({});
    expect(shareFormChanges({ ...initialShareForm(liveLink), liveUpdates: false }, liveLink)).toEqual({
      liveUpdates: false,
    });
  });

  it('offers the expiry choices in hours, null for never', () => {
    expect(EXPIRY_HOURS).toEqual({ never: null, '1h': 1, '24h': 24, '7d': 168, '30d': 720 });
  });

  it('reads emails separated by lines, commas or spaces, drops repeats and lists what is not an address', () => {
    expect(parseEmails('ana@example.com, Bo@Example.org\nana@EXAMPLE.com  nope; x@y')).toEqual({
      emails: ['ana@example.com', 'Bo@Example.org'],
      invalid: ['nope', 'x@y'],
    });
  });

  it('asks for valid emails only for private links, and for a password only when none is set yet', () => {
    const form = { ...initialShareForm(null), emailsText: 'not an email', passwordOn: true };
    expect(validateShareForm(form, null)).toEqual({ password: 'required' });
    expect(validateShareForm({ ...form, privacy: 'private' }, null)).toEqual({
      emails: { kind: 'invalid', entries: ['not', 'an', 'email'] },
      password: 'required',
    });
    expect(validateShareForm(form, settings({ hasPassword: true }))).toEqual({});
  });

  it('turns the form into the API input for a new link', () => {
    const form = {
      ...initialShareForm(null),
      privacy: 'private' as const,
      emailsText: 'ana@example.com',
      passwordOn: true,
      password: 'secret words',
      expiry: '7d' as const,
      allowIndexing: true,
    };
    expect(shareFormInput(form)).toEqual({
      privacy: 'private',
      allowedEmails: ['ana@example.com'],
      password: 'secret words',
      expiresIn: 168,
      allowIndexing: false,
      showAuthor: false,
      allowEmbed: true,
      maxViews: null,
    });
  });

  it('sends only what changed when saving, and never resets a kept expiry or password', () => {
    const current = settings({ hasPassword: true, expiresAt: '2030-01-01T00:00:00.000Z', privacy: 'private' });
    const form = initialShareForm(current);
    expect(form).toMatchObject({ passwordOn: true, password: '', expiry: 'keep' });
    expect(shareFormChanges(form, current)).toEqual({});
    expect(shareFormChanges({ ...form, passwordOn: false, expiry: 'never', showAuthor: true }, current)).toEqual({
      password: null,
      expiresIn: null,
      showAuthor: true,
    });
    expect(shareFormChanges({ ...form, emailsText: 'ana@example.com' }, current)).toEqual({
      allowedEmails: ['ana@example.com'],
    });
  });
});
