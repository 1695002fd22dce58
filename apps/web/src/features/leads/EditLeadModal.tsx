import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LeadDetail } from '@trellis/contracts';
import { useRef, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { errorText, fieldErrors, focusFirstInvalid } from '../forms/errors';
import { leadKeys, leadPaths } from './api';
import { type LeadFormValues, leadFormFromLead, leadUpdateBody } from './leadForm';
import { LeadFormFields } from './NewLeadModal';

/** Correct a lead's fields (a wrong country, a missing language…) before or after routing; not once converted. */
export function EditLeadModal({ lead, opened, onClose }: { lead: LeadDetail; opened: boolean; onClose: () => void }) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<LeadFormValues>({ initialValues: leadFormFromLead(lead) });
  const save = useMutation({
    mutationFn: (v: LeadFormValues) =>
      api.patch<{ lead: LeadDetail }>(leadPaths.one(lead.id), leadUpdateBody(v)).then((r) => r.lead),
    onSuccess: async (updated) => {
      queryClient.setQueryData(leadKeys.detail(lead.id), updated);
      await queryClient.invalidateQueries({ queryKey: leadKeys.all });
      setFormError(null);
      notifications.show({ color: 'green', message: t('leads.edit.saved') });
      onClose();
    },
    onError: (err) => {
      const fe = fieldErrors(err, t, locale);
      form.setErrors(fe);
      setFormError(Object.keys(fe).length > 0 ? t('apiError.validation_failed') : errorText(err, t, locale));
      focusFirstInvalid(formRef.current);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.edit.title')} size="lg">
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit((v) => {
          form.clearErrors();
          save.mutate(v);
        })}
      >
        <Stack>
          <LeadFormFields form={form} />
          {formError && <Alert color="red">{formError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
