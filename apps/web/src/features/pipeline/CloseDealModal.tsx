import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { type DealLostReason, DealLostReasonValues, type PipelineDeal, type PipelineStage } from '@trellis/contracts';
import { useState } from 'react';
import { useT } from '../../i18n/useT';
import { LOST_REASON_LABEL } from '../deals/labels';

/**
 * C6: a move into a won or lost stage closes the registration, so it first asks what the outcome routes
 * ask: for a lost stage the lost reason code (required) and details; for a won stage the reason, required
 * of vendor staff (as "Close as won" on the registration) and optional for partners.
 */
export function CloseDealModal({
  deal,
  stage,
  reasonRequired,
  busy,
  error,
  onClose,
  onConfirm,
}: {
  deal: PipelineDeal;
  stage: PipelineStage;
  reasonRequired: boolean;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: (body: { reasonCode?: DealLostReason; reason?: string }) => void;
}) {
  const t = useT();
  const lost = stage.kind === 'lost';
  const [reason, setReason] = useState('');
  const [reasonCode, setReasonCode] = useState<DealLostReason | null>(null);
  const missing = (reasonRequired && !reason.trim()) || (lost && !reasonCode);
  const label = t(lost ? 'pipeline.close.lost' : 'pipeline.close.won');
  return (
    <Modal
      opened
      onClose={onClose}
      centered
      title={t(lost ? 'pipeline.close.lostTitle' : 'pipeline.close.wonTitle', {
        customer: deal.customer.name,
        stage: stage.name,
      })}
      closeButtonProps={{ 'aria-label': t('pipeline.notice.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (missing) return;
          const text = reason.trim();
          onConfirm({ ...(lost && reasonCode ? { reasonCode } : {}), ...(text ? { reason: text } : {}) });
        }}
      >
        <Stack>
          {lost && (
            <Select
              label={t('deals.lostReason.label')}
              required
              data={DealLostReasonValues.map((code) => ({ value: code, label: t(LOST_REASON_LABEL[code]) }))}
              value={reasonCode}
              onChange={(v) => setReasonCode(v as DealLostReason | null)}
              allowDeselect={false}
              data-autofocus
            />
          )}
          <Textarea
            label={t(lost ? 'deals.lostReason.details' : 'deals.reason.label')}
            required={reasonRequired}
            autosize
            minRows={3}
            maxLength={2000}
            value={reason}
            error={error}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus={lost ? undefined : true}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('deals.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={missing} color={lost ? 'red' : 'green'}>
              {label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
