import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/useT';

/** Asks for the reason of a decision or request; `required` blocks an empty one. */
export function ReasonModal({
  opened,
  title,
  confirmLabel,
  required,
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
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: (reason: string) => void;
  color?: string;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(reason.trim());
        }}
      >
        <Stack>
          <Textarea
            label={t('deals.reason.label')}
            required={required}
            autosize
            minRows={3}
            value={reason}
            error={error}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('deals.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={required && !reason.trim()} color={color}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
