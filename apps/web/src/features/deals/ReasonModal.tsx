import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { type DealLostReason, DealLostReasonValues } from '@trellis/contracts';
import { useState } from 'react';
import { useT } from '../../i18n/useT';
import { LOST_REASON_LABEL } from './labels';

/**
 * Asks for the reason of a decision or request; `required` blocks an empty one. `askLostReason` adds the
 * lost reason code (C4 outcome), which is then required.
 */
export function ReasonModal({
  opened,
  title,
  confirmLabel,
  required,
  askLostReason = false,
  busy,
  error,
  onClose,
  onConfirm,
  color,
}: {
  opened: boolean;
  title: string;
  confirmLabel: string;
  required: boolean;
  askLostReason?: boolean;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: (reason: string, reasonCode: DealLostReason | null) => void;
  color?: string;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [reasonCode, setReasonCode] = useState<DealLostReason | null>(null);
  const missing = (required && !reason.trim()) || (askLostReason && !reasonCode);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      centered
      // Mantine's close button has no text of its own: name it, or screen readers announce a nameless button.
      closeButtonProps={{ 'aria-label': t('deals.cancel') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!missing) onConfirm(reason.trim(), askLostReason ? reasonCode : null);
        }}
      >
        <Stack>
          {askLostReason && (
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
            label={t(askLostReason ? 'deals.lostReason.details' : 'deals.reason.label')}
            required={required}
            autosize
            minRows={3}
            maxLength={2000}
            value={reason}
            error={error}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus={askLostReason ? undefined : true}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('deals.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={missing} color={color}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
