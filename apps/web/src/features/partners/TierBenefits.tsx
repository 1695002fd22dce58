import { SimpleGrid, Text } from '@mantine/core';
import type { Tier } from '@trellis/contracts';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

/** C3: what a tier gives, with money in the reader's locale. */
export function TierBenefits({ tier }: { tier: Tier }) {
  const t = useT();
  const fmt = useFormat();
  const b = tier.benefits;
  const rows: [string, string][] = [
    [t('tier.discount'), fmt.percent(b.discountPercent)],
    [t('tier.commission'), fmt.percent(b.commissionRatePercent)],
    [t('tier.protection'), t('tier.days', { count: b.dealProtectionDays })],
    [t('tier.mdf'), b.mdfAllocation ? fmt.money(b.mdfAllocation) : t('tier.noMdf')],
    [t('tier.leadPriority'), fmt.number(b.leadPriority)],
  ];
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3 }} spacing="sm" m={0}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="xs" c="dimmed" fw={600}>
            {label}
          </Text>
          <Text component="dd" m={0} fw={600} size="lg">
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
