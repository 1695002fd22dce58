import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { DealRegistrationDetail } from '@trellis/contracts';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { daysLeft } from './api';

/** The protection countdown: whole days left until protectedUntil in the person's time zone. */
export function ProtectionCountdown({ deal }: { deal: DealRegistrationDetail }) {
  const t = useT();
  const f = useFormat();
  const { timeZone } = useI18n();
  if (!deal.protectedUntil || deal.status !== 'approved') return null;
  const days = Math.max(0, daysLeft(deal.protectedUntil, timeZone));
  return (
    <Paper withBorder p="sm" bg="green.0">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} data-testid="protection-countdown">
          {t('deals.protection.daysLeft', { days })}
        </Text>
        {deal.extensionRequested && <Badge variant="light">{t('deals.protection.extensionRequested')}</Badge>}
      </Group>
      <Text size="sm" c="dimmed">
        {t('deals.protection.until', { date: f.dateTime(deal.protectedUntil) })}
      </Text>
    </Paper>
  );
}

/** Customer, contact, products and dates of one registration. */
export function DealSummary({ deal }: { deal: DealRegistrationDetail }) {
  const t = useT();
  const f = useFormat();
  const c = deal.contact;
  return (
    <Stack gap="sm">
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb={4}>
          {t('deals.customer')}
        </Title>
        <Text fw={600}>{deal.customer.name}</Text>
        <Text size="sm">
          {[deal.customer.domain, deal.customer.address.city, f.country(deal.customer.country)]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {c && (
          <Text size="sm" mt={4}>
            {t('deals.contact')}:{' '}
            {[`${c.firstName} ${c.lastName}`.trim(), c.email, c.phone].filter(Boolean).join(' · ')}
          </Text>
        )}
        {deal.expectedCloseDate && (
          <Text size="sm">
            {t('deals.expectedCloseDate')}: {f.day(deal.expectedCloseDate)}
          </Text>
        )}
        {deal.notes && (
          <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
            {deal.notes}
          </Text>
        )}
      </Paper>
      {deal.products.length > 0 && (
        <Paper withBorder p="sm">
          <Title order={2} size="h4" mb={4}>
            {t('deals.products')}
          </Title>
          <Table.ScrollContainer minWidth={280}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('deals.products.product')}</Table.Th>
                  <Table.Th ta="right">{t('deals.products.quantity')}</Table.Th>
                  <Table.Th ta="right">{t('deals.products.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deal.products.map((p) => (
                  <Table.Tr key={`${p.product}|${p.quantity}|${p.amount.amountMinor}|${p.amount.currency}`}>
                    <Table.Td>{p.product}</Table.Td>
                    <Table.Td ta="right">{f.number(p.quantity)}</Table.Td>
                    <Table.Td ta="right">{f.money(p.amount)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="sm" fw={600} ta="right">
            {t('deals.total')}: {deal.totals.map((m) => f.money(m)).join(' + ')}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}
