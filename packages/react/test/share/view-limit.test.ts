// @vitest-environment jsdom
import { LIMITS } from '@chatshare/core';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ShareI18nProvider } from '../../src/index.js';
import {
  createInput,
  initialForm,
  maxViewsOf,
  updateInput,
  validateForm,
  type ShareFormState,
} from '../../src/share/form.js';
import { ShareSettingsFields } from '../../src/share/ShareSettingsFields.js';
import { buildShareSettings } from './helpers/build-settings.js';

afterEach(cleanup);

const form = (changes: Partial<ShareFormState> = {}): ShareFormState => ({ ...initialForm(null), ...changes });

describe('the view limit setting', () => {
  it('starts off for a new link and sends maxViews: null', () => {
    expect(initialForm(null)).toMatchObject({ viewLimit: 'off', maxViewsText: '' });
    expect(createInput(form()).maxViews).toBeNull();
  });

  it('sends 1 for "opens once" and the typed number otherwise', () => {
    expect(createInput(form({ viewLimit: 'once' })).maxViews).toBe(1);
    expect(createInput(form({ viewLimit: 'number', maxViewsText: ' 25 ' })).maxViews).toBe(25);
  });

  it('shows an existing limit: 1 as "opens once", more as a number', () => {
    expect(initialForm(buildShareSettings({ maxViews: 1 }))).toMatchObject({ viewLimit: 'once' });
    expect(initialForm(buildShareSettings({ maxViews: 7 }))).toMatchObject({
      viewLimit: 'number',
      maxViewsText: '7',
    });
    expect(initialForm(buildShareSettings())).toMatchObject({ viewLimit: 'off' });
  });

  it.each([
    ['', undefined],
    ['0', undefined],
    ['-3', undefined],
    ['2.5', undefined],
    ['1e3', undefined],
    ['ten', undefined],
    [String(LIMITS.maxViewsMax + 1), undefined],
    ['1', 1],
    [String(LIMITS.maxViewsMax), LIMITS.maxViewsMax],
  ])('reads %j as %s', (text, expected) => {
    expect(maxViewsOf({ viewLimit: 'number', maxViewsText: text })).toBe(expected);
  });

  it('reports a number out of range, and sends nothing for it', () => {
    const bad = form({ viewLimit: 'number', maxViewsText: '0' });
    expect(validateForm(bad, null)).toEqual({ maxViews: { kind: 'invalid', max: LIMITS.maxViewsMax } });
    expect(createInput(bad)).not.toHaveProperty('maxViews');
    expect(validateForm(form({ viewLimit: 'once' }), null)).toEqual({});
  });

  it('sends a change of limit when saving, and nothing when it stayed', () => {
    const current = buildShareSettings({ maxViews: 1 });
    const kept = initialForm(current);
    expect(updateInput(kept, current)).not.toHaveProperty('maxViews');
    expect(updateInput({ ...kept, viewLimit: 'off' }, current)).toEqual({ maxViews: null });
    expect(updateInput({ ...kept, viewLimit: 'number', maxViewsText: '3' }, current)).toEqual({ maxViews: 3 });
    expect(updateInput({ ...kept, viewLimit: 'number', maxViewsText: '1' }, current)).toEqual({});
  });
});

function Fields({ locale, problems }: { locale?: string; problems?: boolean }) {
  const [state, setState] = useState(initialForm(null));
  return createElement(
    ShareI18nProvider,
    { locale },
    createElement(ShareSettingsFields, {
      form: state,
      onChange: (changes) => setState((previous) => ({ ...previous, ...changes })),
      problems: problems ? validateForm(state, null) : {},
      settings: null,
    }),
    createElement('output', { 'data-testid': 'input' }, JSON.stringify(createInput(state))),
  );
}

const sent = () => JSON.parse(screen.getByTestId('input').textContent!) as { maxViews?: number | null };

describe('the view limit field', () => {
  it('offers off, once and a number, and the form sends what is chosen', async () => {
    const user = userEvent.setup();
    render(createElement(Fields));
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Limit views' });
    expect([...select.options].map((option) => option.textContent)).toEqual([
      'No limit',
      'Opens once (burn after reading)',
      'A number of opens',
    ]);
    expect(sent().maxViews).toBeNull();
    await user.selectOptions(select, 'once');
    expect(sent().maxViews).toBe(1);
    expect(screen.queryByRole('spinbutton', { name: 'Number of opens' })).toBeNull();
    await user.selectOptions(select, 'number');
    const count = screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Number of opens' });
    expect(count.min).toBe('1');
    expect(count.max).toBe(String(LIMITS.maxViewsMax));
    await user.type(count, '5');
    expect(sent().maxViews).toBe(5);
  });

  it('says what is wrong with the number, tied to its field', async () => {
    const user = userEvent.setup();
    render(createElement(Fields, { problems: true }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Limit views' }), 'number');
    const count = screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Number of opens' });
    expect(count.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(count.getAttribute('aria-describedby')!)!;
    expect(error.textContent).toBe(`Enter a whole number from 1 to ${LIMITS.maxViewsMax}.`);
    await user.type(count, '2');
    expect(count.getAttribute('aria-invalid')).toBeNull();
  });

  it('speaks German', () => {
    render(createElement(Fields, { locale: 'de' }));
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Aufrufe begrenzen' });
    expect(select.options[1]!.textContent).toBe('Nur einmal öffnen (nach dem Lesen weg)');
  });
});
