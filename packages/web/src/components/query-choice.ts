/** A choice kept in the address (`?status=live`), so a reload or a shared URL shows the same list. */
import { setQuery, useLocation } from '../router.js';

/** The value when it is one of `allowed`, otherwise `fallback` (a hand-edited address never breaks the page). */
export const pickChoice = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/** The choice under `key`, and a setter that leaves the default out of the address. */
export function useQueryChoice<T extends string>(
  key: string,
  allowed: readonly T[],
  fallback: T,
): [T, (value: T) => void] {
  const { query } = useLocation();
  const value = pickChoice(query.get(key), allowed, fallback);
  return [value, (next) => setQuery({ [key]: next === fallback ? null : next })];
}
