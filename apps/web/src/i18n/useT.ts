import type { PrimitiveType } from 'intl-messageformat';
import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from './locales';

export type TFunction = (id: MessageId, values?: Record<string, PrimitiveType>) => string;

/** Plain-string translation; the id is checked against the English catalogue at compile time. */
export function useT(): TFunction {
  const intl = useIntl();
  return useCallback((id, values) => intl.formatMessage({ id }, values), [intl]);
}
