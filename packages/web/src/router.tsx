/**
 * A small router for the app's handful of pages under /app: the History API and one
 * subscription, no dependency. Links are real <a href> elements, so opening in a new tab,
 * copying and middle-clicking work as people expect.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export const BASE = '/app';
const CHANGE = 'chatshare:navigate';

function subscribe(onChange: () => void) {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface Location {
  /** The path inside the app, e.g. `/conversations/abc`; `/` for the app's root. */
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const current = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(current, 'http://app.invalid');
  const inside = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname;
  return { path: inside.replace(/\/+$/, '') || '/', query: url.searchParams };
}

/** The full URL path of an app path: `appHref('/links')` is `/app/links`. */
export const appHref = (path: string) => `${BASE}${path === '/' ? '/' : path}`;

/** Goes to an app path without reloading. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const href = appHref(path);
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGE));
  window.scrollTo(0, 0);
}

/** Changes the query of the current page in place (filters, search), without a history entry. */
export function setQuery(values: Record<string, string | null>): void {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === '') url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  window.history.replaceState(null, '', url.pathname + url.search);
  window.dispatchEvent(new Event(CHANGE));
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
}

/** An app link: a normal click stays in the app, anything else (new tab, copy) uses the href. */
export function Link({ to, onClick, ...props }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={appHref(to)} onClick={handle} {...props} />;
}
