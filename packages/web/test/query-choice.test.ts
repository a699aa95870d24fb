// @vitest-environment jsdom
/** A list choice kept in the address: read back safely, and the default left out of the URL. */
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { pickChoice, useQueryChoice } from '../src/components/query-choice.js';

const STATUSES = ['live', 'revoked', 'all'] as const;

afterEach(() => window.history.replaceState(null, '', '/'));

describe('pickChoice', () => {
  it('keeps an allowed value and falls back for anything else', () => {
    expect(pickChoice('revoked', STATUSES, 'live')).toBe('revoked');
    expect(pickChoice('<script>', STATUSES, 'live')).toBe('live');
    expect(pickChoice(null, STATUSES, 'live')).toBe('live');
  });
});

describe('useQueryChoice', () => {
  it('writes a chosen value to the address and removes it again for the default', () => {
    window.history.replaceState(null, '', '/app/links?q=monad');
    const { result } = renderHook(() => useQueryChoice('status', STATUSES, 'live'));
    expect(result.current[0]).toBe('live');

    act(() => result.current[1]('all'));
    expect(result.current[0]).toBe('all');
    expect(window.location.search).toBe('?q=monad&status=all');

    act(() => result.current[1]('live'));
    expect(window.location.search).toBe('?q=monad');
  });
});
