import { Badge, Box, Card, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import type { PipelineDeal, PipelineStage } from '@trellis/contracts';
import { type DragEvent, useState } from 'react';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { type Column, canDropOn, columnsOf } from './board';
import { MoveHistoryButton } from './MoveHistory';
import { MoveMenu } from './MoveMenu';

const DRAG_TYPE = 'application/x-trellis-deal';
/** Also set when the dragged deal may be closed (won / lost columns accept it): types are readable while dragging. */
const DRAG_CLOSE_TYPE = 'application/x-trellis-deal-close';

/**
 * C6 kanban: one column per stage, a card per deal. Open deals the caller may move drag between open
 * columns (native HTML drag and drop: no library needed for one list-to-list move) and, for keyboard and
 * touch users, move through the "Move to…" menu on each card. A drop on a won or lost column (for who may
 * record the outcome) asks for the reason first, then closes the registration with the move.
 */
export function PipelineBoard({
  stages,
  deals,
  onMove,
  movingId,
  showPartner,
  stacked = false,
}: {
  stages: readonly PipelineStage[];
  deals: readonly PipelineDeal[];
  onMove: (deal: PipelineDeal, stageId: string) => void;
  movingId: string | null;
  showPartner: boolean;
  /** Phones: columns one under another instead of side by side. */
  stacked?: boolean;
}) {
  const columns = columnsOf(stages, deals);
  const byId = new Map(deals.map((d) => [d.id, d]));
  const [over, setOver] = useState<string | null>(null);
  const drop = (e: DragEvent, column: Column) => {
    e.preventDefault();
    setOver(null);
    const deal = byId.get(e.dataTransfer.getData(DRAG_TYPE));
    if (deal && canDropOn(deal, column.stage)) onMove(deal, column.stage.id);
  };
  const list = columns.map((c) => (
    <BoardColumn
      key={c.stage.id}
      column={c}
      stages={stages}
      onMove={onMove}
      movingId={movingId}
      showPartner={showPartner}
      stacked={stacked}
      highlighted={over === c.stage.id}
      onDragOver={(e) => {
        const type = c.stage.kind === 'open' ? DRAG_TYPE : DRAG_CLOSE_TYPE;
        if (!e.dataTransfer.types.includes(type)) return;
        e.preventDefault();
        setOver(c.stage.id);
      }}
      onDragLeave={() => setOver((o) => (o === c.stage.id ? null : o))}
      onDrop={(e) => drop(e, c)}
    />
  ));
  if (stacked) return <Stack gap="md">{list}</Stack>;
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
        {list}
      </Group>
    </ScrollArea>
  );
}

function BoardColumn({
  column,
  stages,
  onMove,
  movingId,
  showPartner,
  stacked,
  highlighted,
  onDragOver,
  onDragLeave,
  onDrop,
}: {
  column: Column;
  stages: readonly PipelineStage[];
  onMove: (deal: PipelineDeal, stageId: string) => void;
  movingId: string | null;
  showPartner: boolean;
  stacked: boolean;
  highlighted: boolean;
  onDragOver: (e: DragEvent) => void;
  onDragLeave: () => void;
  onDrop: (e: DragEvent) => void;
}) {
  const t = useT();
  const f = useFormat();
  const { stage, deals, sums } = column;
  const headingId = `pipeline-stage-${stage.id}`;
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      p="xs"
      w={stacked ? '100%' : 280}
      miw={stacked ? undefined : 280}
      bg={highlighted ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-gray-light)'}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      data-testid={`stage-${stage.name}`}
    >
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Text component="h2" id={headingId} fw={700} size="sm">
          {stage.name}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Badge variant="light" color={stage.kind === 'won' ? 'green' : stage.kind === 'lost' ? 'red' : 'blue'}>
            {f.percent(stage.probability)}
          </Badge>
          <Badge variant="outline" color="gray" aria-label={t('pipeline.board.count', { count: deals.length })}>
            {deals.length}
          </Badge>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {sums.length === 0 ? t('pipeline.board.empty') : sums.map((m) => f.money(m)).join(' + ')}
      </Text>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {deals.map((d) => (
          <Box component="li" key={d.id}>
            <DealCard deal={d} stages={stages} onMove={onMove} busy={movingId === d.id} showPartner={showPartner} />
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}

function DealCard({
  deal,
  stages,
  onMove,
  busy,
  showPartner,
}: {
  deal: PipelineDeal;
  stages: readonly PipelineStage[];
  onMove: (deal: PipelineDeal, stageId: string) => void;
  busy: boolean;
  showPartner: boolean;
}) {
  const t = useT();
  const f = useFormat();
  const draggable = deal.abilities.move;
  return (
    <Card
      withBorder
      padding="xs"
      draggable={draggable}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, deal.id);
        if (deal.abilities.close) e.dataTransfer.setData(DRAG_CLOSE_TYPE, '1');
        e.dataTransfer.effectAllowed = 'move';
      }}
      style={{ cursor: draggable ? 'grab' : 'default' }}
      data-testid={`deal-card-${deal.customer.name}`}
    >
      <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
        {deal.customer.name}
      </Text>
      {showPartner && (
        <Text size="xs" c="dimmed">
          {deal.partner.name}
        </Text>
      )}
      <Text size="sm">{deal.amounts.length ? deal.amounts.map((m) => f.money(m)).join(' + ') : '—'}</Text>
      <Text size="xs" c="dimmed">
        {deal.expectedCloseDate
          ? t('pipeline.card.closes', { date: f.day(deal.expectedCloseDate) })
          : t('pipeline.card.noCloseDate')}
      </Text>
      <Group justify="flex-end" mt={4} gap={4}>
        <MoveHistoryButton deal={deal} />
        <MoveMenu deal={deal} stages={stages} onMove={(stageId) => onMove(deal, stageId)} busy={busy} />
      </Group>
    </Card>
  );
}
