// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createShareI18n, SHARE_NAMESPACE, SHARE_STRINGS, ShareI18nProvider, useShareI18n } from '../../src/index.js';

afterEach(cleanup);

function Probe() {
  const { t, language } = useShareI18n();
  return createElement('p', { lang: language }, `${t('share.create')} · ${t('share.views', { count: 2 })}`);
}

describe('share strings', () => {
  it('has every English string in German too, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    const english: Record<string, string> = SHARE_STRINGS.en;
    const german: Record<string, string> = SHARE_STRINGS.de;
    expect(Object.keys(german).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(english)) {
      // German may leave out the server's English message; it never invents a placeholder.
      expect(
        placeholders(german[key]!).every((name) => placeholders(text).includes(name)),
        key,
      ).toBe(true);
    }
  });

  it('speaks English without a provider, and German with locale "de"', () => {
    render(createElement(Probe));
    expect(screen.getByText('Create link · Opened 2 times')).toBeTruthy();
    cleanup();
    render(createElement(ShareI18nProvider, { locale: 'de' }, createElement(Probe)));
    expect(screen.getByText('Link erstellen · 2-mal geöffnet')).toBeTruthy();
    cleanup();
    // A browser's regional tag (navigator.language) falls back to its language.
    render(createElement(ShareI18nProvider, { locale: 'de-AT' }, createElement(Probe)));
    expect(screen.getByText(/^Link erstellen/)).toBeTruthy();
  });

  it("follows an app's own i18next instance, including later language changes", async () => {
    const app = createShareI18n('en');
    app.addResourceBundle('en', 'app', { hello: 'Hello' });
    render(createElement(ShareI18nProvider, { i18n: app }, createElement(Probe)));
    expect(screen.getByText(/^Create link/)).toBeTruthy();
    await act(() => app.changeLanguage('de'));
    expect(screen.getByText(/^Link erstellen/).getAttribute('lang')).toBe('de');
    expect(app.t('share.copy', { ns: SHARE_NAMESPACE })).toBe('Link kopieren');
  });
});
