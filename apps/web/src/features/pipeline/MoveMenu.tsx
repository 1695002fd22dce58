import { Button, Menu } from '@mantine/core';
import { IconArrowsMove } from '@tabler/icons-react';
import type { PipelineDeal, PipelineStage } from '@trellis/contracts';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { moveTargets } from './board';

/**
 * The non-drag way to move a card (C6, WCAG 2.5.7): a "Move to…" menu of the other open stages and, for who
 * may record the outcome, the won and lost stages (the page then asks for the reason), opened and chosen with
 * the keyboard (Enter/Space, arrow keys, Enter) as well as by pointer.
 */
export function MoveMenu({
  deal,
  stages,
  onMove,
  busy,
}: {
  deal: PipelineDeal;
  stages: readonly PipelineStage[];
  onMove: (stageId: string) => void;
  busy?: boolean;
}) {
  const t = useT();
  const f = useFormat();
  const targets = moveTargets(deal, stages);
  if (targets.length === 0) return null;
  const open = targets.filter((s) => s.kind === 'open');
  const closing = targets.filter((s) => s.kind !== 'open');
  const item = (s: PipelineStage) => (
    <Menu.Item key={s.id} onClick={() => onMove(s.id)}>
      {t('pipeline.stage.withProbability', { name: s.name, probability: f.percent(s.probability) })}
    </Menu.Item>
  );
  return (
    <Menu position="bottom-start" withinPortal shadow="md">
      <Menu.Target>
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconArrowsMove size={14} aria-hidden />}
          loading={busy}
          aria-label={t('pipeline.move.label', { customer: deal.customer.name })}
        >
          {t('pipeline.move.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {open.length > 0 && <Menu.Label>{t('pipeline.move.menuTitle')}</Menu.Label>}
        {open.map(item)}
        {open.length > 0 && closing.length > 0 && <Menu.Divider />}
        {closing.length > 0 && <Menu.Label>{t('pipeline.move.closeTitle')}</Menu.Label>}
        {closing.map(item)}
      </Menu.Dropdown>
    </Menu>
  );
}
