// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describedBy, Field, SelectField } from '../../src/share/Field.js';
import { GuardedButton } from '../../src/share/GuardedButton.js';

afterEach(cleanup);

describe('Field', () => {
  it('ties the control to its label, and to its hint and error only while they show', () => {
    const input = (control: object) => createElement('input', control);
    const { rerender } = render(
      createElement(Field, { id: 'f', label: 'Password', hint: 'Kept if empty', children: input }),
    );
    const field = screen.getByLabelText('Password');
    expect(field.getAttribute('aria-describedby')).toBe('f-hint');
    expect(field.hasAttribute('aria-invalid')).toBe(false);

    rerender(
      createElement(Field, { id: 'f', label: 'Password', hint: null, error: 'Enter a password', children: input }),
    );
    expect(field.getAttribute('aria-describedby')).toBe('f-error');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('f-error')?.textContent).toBe('Enter a password');
    expect(document.getElementById('f-hint')).toBeNull();
  });

  it('gives a select its options and reports the chosen value', async () => {
    const onChange = vi.fn();
    render(
      createElement(SelectField, {
        id: 's',
        label: 'Expires',
        value: 'never',
        onChange,
        children: [
          createElement('option', { key: 'never', value: 'never' }, 'Never'),
          createElement('option', { key: '1h', value: '1h' }, 'In an hour'),
        ],
      }),
    );
    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Expires' }), '1h');
    expect(onChange).toHaveBeenCalledWith('1h');
  });

  it('joins only the ids in use', () => {
    expect(describedBy('a', false, undefined, 'b')).toBe('a b');
    expect(describedBy(false, null)).toBeUndefined();
  });
});

describe('GuardedButton', () => {
  it('stays focusable while busy, and ignores presses until the request is done', async () => {
    const onPress = vi.fn();
    const user = userEvent.setup();
    const { rerender } = render(
      createElement(GuardedButton, { busy: true, className: 'cs-button', onPress, children: 'Save' }),
    );
    const button = screen.getByRole('button', { name: 'Save' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await user.click(button);
    expect(onPress).not.toHaveBeenCalled();

    rerender(createElement(GuardedButton, { busy: false, className: 'cs-button', onPress, children: 'Save' }));
    expect(button.hasAttribute('aria-disabled')).toBe(false);
    await user.click(button);
    expect(onPress).toHaveBeenCalledOnce();
  });
});
