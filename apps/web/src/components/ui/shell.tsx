import { useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/useT';

/** After a client-side navigation, focus moves to the new page's heading, as a page load would. */
export function useFocusMainOnNavigate(): void {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect must run on every navigation
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const id = window.setTimeout(() => {
      const heading = document.querySelector<HTMLElement>('#main h1');
      const target = heading ?? document.getElementById('main');
      if (target) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: false });
      }
    }, 50);
    return () => window.clearTimeout(id);
  }, [pathname]);
}

export function SkipLink() {
  const t = useT();
  return (
    <a className="skip-link" href="#main">
      {t('shell.skipToContent')}
    </a>
  );
}
