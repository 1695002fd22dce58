import { Badge, type MantineColor } from '@mantine/core';
import type { PartnerStatus, PartnerType, Role } from '@trellis/contracts';
import type { MessageId } from '../../i18n/locales';
import { useT } from '../../i18n/useT';

// Value lists come from contracts at the type level; the labels are typed so a missing translation key
// for any status, type or role is a compile error.
export const statusKey = (s: PartnerStatus): MessageId => `partnerStatus.${s}`;
export const typeKey = (s: PartnerType): MessageId => `partnerType.${s}`;
export const roleKey = (r: Role): MessageId => `role.${r}`;

const STATUS_COLOR: Record<PartnerStatus, MantineColor> = {
  applicant: 'gray',
  onboarding: 'blue',
  active: 'green',
  suspended: 'orange',
  terminated: 'red',
};

/** Status as words in a tinted badge: the colour helps, the text carries the meaning. */
export function StatusBadge({ status, size = 'md' }: { status: PartnerStatus; size?: 'sm' | 'md' | 'lg' }) {
  const t = useT();
  return (
    <Badge color={STATUS_COLOR[status]} size={size} variant="light">
      {t(statusKey(status))}
    </Badge>
  );
}

export function TierBadge({ name, size = 'md' }: { name: string | null | undefined; size?: 'sm' | 'md' | 'lg' }) {
  const t = useT();
  if (!name)
    return (
      <Badge color="gray" variant="outline" size={size}>
        {t('tier.none')}
      </Badge>
    );
  return (
    <Badge color="grape" size={size} variant="light">
      {name}
    </Badge>
  );
}
