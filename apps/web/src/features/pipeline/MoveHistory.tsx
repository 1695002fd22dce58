import { ActionIcon, Alert, List, Modal, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import type { PipelineDeal } from '@trellis/contracts';
import { useState } from 'react';
import { PageLoader } from '../../components/ui/PageLoader';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { useDealMoves } from './api';

/** Every move of a deal (C6): who moved it, when, from which stage to which — newest first. */
export function MoveHistoryButton({ deal }: { deal: PipelineDeal }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <ActionIcon
        variant="subtle"
        onClick={() => setOpen(true)}
        aria-label={t('pipeline.history.open', { customer: deal.customer.name })}
      >
        <IconHistory size={16} aria-hidden />
      </ActionIcon>
      {open && <MoveHistoryModal deal={deal} onClose={() => setOpen(false)} />}
    </>
  );
}

function MoveHistoryModal({ deal, onClose }: { deal: PipelineDeal; onClose: () => void }) {
  const t = useT();
  const f = useFormat();
  const moves = useDealMoves(deal.id);
  return (
    <Modal opened onClose={onClose} title={t('pipeline.history.title', { customer: deal.customer.name })}>
      {!moves.data ? (
        <PageLoader />
      ) : moves.data.length === 0 ? (
        <Alert color="gray">{t('pipeline.history.empty', { stage: deal.stage.name })}</Alert>
      ) : (
        <List spacing="xs">
          {moves.data.map((m) => (
            <List.Item key={m.id}>
              <Text size="sm">
                {t('pipeline.history.line', {
                  from: m.from?.name ?? '—',
                  to: m.to.name,
                  who: m.movedBy?.name ?? '—',
                  when: f.dateTime(m.movedAt),
                })}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Modal>
  );
}
