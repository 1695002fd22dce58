import { IconPencil } from '@tabler/icons-react';
import type { DealRegistrationDetail } from '@trellis/contracts';
import { ButtonLink } from '../../components/ui/links';
import { useT } from '../../i18n/useT';

/** Opens the edit screen while the registration may change (draft, needs_info): abilities.edit. */
export function EditDealButton({ deal }: { deal: DealRegistrationDetail }) {
  const t = useT();
  if (!deal.abilities.edit) return null;
  return (
    <ButtonLink
      to="/portal/deals/$dealId/edit"
      params={{ dealId: deal.id }}
      variant="default"
      leftSection={<IconPencil size={16} aria-hidden />}
      style={{ alignSelf: 'flex-start' }}
    >
      {t('deals.edit.action')}
    </ButtonLink>
  );
}
