/**
 * A cursor-paged list: the first page loads whenever the query changes, "load more" appends
 * the next. Answers to an older query are dropped, so fast typing never shows stale rows.
 */
import type { Page } from '@chatshare/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { attempt, type Failure } from '../api.js';

export interface Paged<T> {
  items: T[];
  loading: boolean;
  error: Failure | null;
  hasMore: boolean;
  loadMore(): Promise<void>;
  reload(): Promise<void>;
  /** Changes rows in place after an action (rename, revoke) without reloading. */
  update(change: (items: T[]) => T[]): void;
}

export function usePaged<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, key: string): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Failure | null>(null);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async (from: string | undefined, append: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    const result = await attempt(() => fetchRef.current(from));
    if (mine !== generation.current) return;
    setLoading(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setItems((previous) => (append ? [...previous, ...result.value.items] : result.value.items));
    setCursor(result.value.nextCursor);
  }, []);

  useEffect(() => {
    void load(undefined, false);
  }, [key, load]);

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => (cursor ? load(cursor, true) : Promise.resolve()),
    reload: () => load(undefined, false),
    update: (change) => setItems(change),
  };
}
