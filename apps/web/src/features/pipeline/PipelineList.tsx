import { Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import type { PipelineDeal, PipelineStage } from '@trellis/contracts';
import { useIsMobile } from '../../components/ui/useIsMobile';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { MoveHistoryButton } from './MoveHistory';
import { MoveMenu } from './MoveMenu';

/** C6 list view: every deal with its stage, probability, amount and close date; cards on phones. */
export function PipelineList({
  stages,
  deals,
  onMove,
  movingId,
  showPartner,
}: {
  stages: readonly PipelineStage[];
  deals: readonly PipelineDeal[];
  onMove: (deal: PipelineDeal, stageId: string) => void;
  movingId: string | null;
  showPartner: boolean;
}) {
  const t = useT();
  const f = useFormat();
  const mobile = useIsMobile();
  const sorted = [...deals].sort(
    (a, b) => (a.expectedCloseDate ?? '9999').localeCompare(b.expectedCloseDate ?? '9999') || a.id.localeCompare(b.id),
  );
  const amount = (d: PipelineDeal) => (d.amounts.length ? d.amounts.map((m) => f.money(m)).join(' + ') : '—');
  const stageBadge = (d: PipelineDeal) => (
    <Badge variant="light" color={d.stage.kind === 'won' ? 'green' : d.stage.kind === 'lost' ? 'red' : 'blue'}>
      {t('pipeline.stage.withProbability', { name: d.stage.name, probability: f.percent(d.stage.probability) })}
    </Badge>
  );
  if (mobile)
    return (
      <Stack gap="sm">
        {sorted.map((d) => (
          <Card key={d.id} withBorder padding="sm" data-testid={`deal-row-${d.customer.name}`}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {d.customer.name}
              </Text>
              {stageBadge(d)}
            </Group>
            {showPartner && (
              <Text size="sm" c="dimmed">
                {d.partner.name}
              </Text>
            )}
            <Text size="sm">
              {amount(d)} · {d.expectedCloseDate ? f.day(d.expectedCloseDate) : t('pipeline.card.noCloseDate')}
            </Text>
            <Group justify="flex-end" mt={4} gap={4}>
              <MoveHistoryButton deal={d} />
              <MoveMenu deal={d} stages={stages} onMove={(s) => onMove(d, s)} busy={movingId === d.id} />
            </Group>
          </Card>
        ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('pipeline.list.customer')}</Table.Th>
            {showPartner && <Table.Th>{t('pipeline.list.partner')}</Table.Th>}
            <Table.Th>{t('pipeline.list.stage')}</Table.Th>
            <Table.Th ta="right">{t('pipeline.list.amount')}</Table.Th>
            <Table.Th>{t('pipeline.list.closeDate')}</Table.Th>
            <Table.Th>{t('pipeline.list.moved')}</Table.Th>
            <Table.Th>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((d) => (
            <Table.Tr key={d.id} data-testid={`deal-row-${d.customer.name}`}>
              <Table.Td fw={600}>{d.customer.name}</Table.Td>
              {showPartner && <Table.Td>{d.partner.name}</Table.Td>}
              <Table.Td>{stageBadge(d)}</Table.Td>
              <Table.Td ta="right">{amount(d)}</Table.Td>
              <Table.Td>{d.expectedCloseDate ? f.day(d.expectedCloseDate) : '—'}</Table.Td>
              <Table.Td>
                {d.movedAt
                  ? t('pipeline.list.movedBy', { when: f.dateTime(d.movedAt), who: d.movedBy?.name ?? '—' })
                  : '—'}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <MoveHistoryButton deal={d} />
                  <MoveMenu deal={d} stages={stages} onMove={(s) => onMove(d, s)} busy={movingId === d.id} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
