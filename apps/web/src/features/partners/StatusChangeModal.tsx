import { Alert, Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { PartnerStatus } from '@trellis/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useIsMobile } from '../../components/ui/useIsMobile';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { errorText, fieldErrors, focusFirstInvalid } from '../forms/errors';
import { statusKey } from './labels';

/** C2: every status change carries a reason; the API keeps who, when and why. */
export function StatusChangeModal({
  opened,
  onClose,
  targets,
  initial,
  title,
  onSubmit,
}: {
  opened: boolean;
  onClose: () => void;
  targets: readonly PartnerStatus[];
  initial?: PartnerStatus;
  title: string;
  onSubmit: (status: PartnerStatus, reason: string) => Promise<void>;
}) {
  const t = useT();
  const mobile = useIsMobile();
  return (
    <Modal opened={opened} onClose={onClose} title={title} fullScreen={mobile}>
      {opened && <StatusForm targets={targets} initial={initial} onSubmit={onSubmit} onCancel={onClose} t={t} />}
    </Modal>
  );
}

function StatusForm({
  targets,
  initial,
  onSubmit,
  onCancel,
  t,
}: {
  targets: readonly PartnerStatus[];
  initial?: PartnerStatus;
  onSubmit: (status: PartnerStatus, reason: string) => Promise<void>;
  onCancel: () => void;
  t: ReturnType<typeof useT>;
}) {
  const { locale } = useI18n();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { status: (initial ?? targets[0] ?? '') as string, reason: '' },
    validate: {
      status: (v) => (v ? null : t('fieldError.required')),
      reason: (v) => (v.trim() ? null : t('status.reasonRequired')),
    },
  });
  const submit = form.onSubmit(
    async (v) => {
      setFormError(null);
      try {
        await onSubmit(v.status as PartnerStatus, v.reason.trim());
      } catch (err) {
        form.setErrors(fieldErrors(err, t, locale));
        if (!(err instanceof ApiError) || err.issues.length === 0) setFormError(errorText(err, t, locale));
      }
    },
    () => focusFirstInvalid(),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <Select
          label={t('status.newStatus')}
          allowDeselect={false}
          data={targets.map((s) => ({ value: s, label: t(statusKey(s)) }))}
          {...form.getInputProps('status')}
        />
        <Textarea
          label={t('status.reason')}
          description={t('status.reasonHint')}
          required
          autosize
          minRows={3}
          maxLength={1000}
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t('status.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
