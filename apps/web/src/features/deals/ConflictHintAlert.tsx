import { Alert, List } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import type { ConflictHint } from '@trellis/contracts';
import { useT } from '../../i18n/useT';
import { MATCH_REASON_LABEL } from './labels';

/**
 * The honest live hint: that the customer appears taken and why in general terms, never by whom or for how
 * much; a named account (C4 rules of engagement) is said to be reserved up front, since submit is refused.
 */
export function ConflictHintAlert({ hint }: { hint: ConflictHint | null }) {
  const t = useT();
  if (!hint?.appearsTaken) return null;
  if (hint.reserved) {
    return (
      <Alert
        color="red"
        icon={<IconLock size={18} aria-hidden />}
        title={t('deals.hint.reserved.title')}
        role="status"
        aria-live="polite"
        data-testid="conflict-hint-reserved"
      >
        {t('deals.hint.reserved.body')}
      </Alert>
    );
  }
  return (
    <Alert
      color={hint.band === 'conflict' ? 'orange' : 'yellow'}
      icon={<IconAlertTriangle size={18} aria-hidden />}
      title={t('deals.hint.title')}
      role="status"
      aria-live="polite"
    >
      {t('deals.hint.body')}
      {hint.reasons.length > 0 && (
        <List size="sm" mt={4}>
          {hint.reasons.map((r) => (
            <List.Item key={r}>{t(MATCH_REASON_LABEL[r] ?? 'deals.reason.other')}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
