import { useMediaQuery } from '@mantine/hooks';

/** Below Mantine's `sm` breakpoint lists become cards (ecosystem anchors §3.2: no sideways-scrolling tables on phones). */
export function useIsMobile(): boolean {
  return useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
}
