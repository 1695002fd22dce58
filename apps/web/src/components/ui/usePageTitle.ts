import { useEffect } from 'react';

/** Each screen names itself in the tab title, so screen-reader users hear where they landed. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · Trellis`;
  }, [title]);
}
