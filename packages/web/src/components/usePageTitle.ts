import { useEffect } from 'react';

/** The document's title for the page on screen ("Shared links · chatshare"). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · chatshare` : 'chatshare';
  }, [title]);
}
