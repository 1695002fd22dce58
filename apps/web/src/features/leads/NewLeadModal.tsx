import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LeadDetail } from '@trellis/contracts';
import { useMemo, useRef, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { countryOptions } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { errorText, fieldErrors, focusFirstInvalid } from '../forms/errors';
import { leadKeys, leadPaths } from './api';
import { emptyLeadForm, type LeadFormValues, leadCreateBody } from './leadForm';

/** The console's "New lead": the API checks every field and its errors show next to them. */
export function NewLeadModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (lead: LeadDetail) => void;
}) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const form = useForm<LeadFormValues>({ initialValues: emptyLeadForm() });
  const create = useMutation({
    mutationFn: (v: LeadFormValues) =>
      api
        .post<{ lead: LeadDetail }>(leadPaths.list, leadCreateBody(v), { idempotencyKey: idempotencyKey.current })
        .then((r) => r.lead),
    onSuccess: async (lead) => {
      idempotencyKey.current = newIdempotencyKey();
      form.reset();
      setFormError(null);
      await queryClient.invalidateQueries({ queryKey: leadKeys.all });
      onCreated(lead);
    },
    onError: (err) => {
      const fe = fieldErrors(err, t, locale);
      form.setErrors(fe);
      // Field problems are shown at their fields; the alert only says so.
      setFormError(Object.keys(fe).length > 0 ? t('apiError.validation_failed') : errorText(err, t, locale));
      focusFirstInvalid(formRef.current);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.new.title')} size="lg">
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit((v) => {
          form.clearErrors();
          create.mutate(v);
        })}
      >
        <Stack>
          <LeadFormFields form={form} />
          <Checkbox
            label={t('leads.new.routeNow')}
            description={t('leads.new.routeNowHint')}
            {...form.getInputProps('route', { type: 'checkbox' })}
          />
          {formError && <Alert color="red">{formError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('leads.new.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The lead's fields, shared by "New lead" and "Edit lead"; errors come from the form (the API's, by path). */
export function LeadFormFields({ form }: { form: UseFormReturnType<LeadFormValues> }) {
  const t = useT();
  const { locale } = useI18n();
  const countries = useMemo(() => countryOptions(locale), [locale]);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('leads.field.company')} required data-autofocus {...form.getInputProps('company')} />
        <TextInput label={t('leads.field.contactName')} required {...form.getInputProps('contactName')} />
        <TextInput
          label={t('leads.field.contactEmail')}
          type="email"
          description={t('leads.new.reachHint')}
          {...form.getInputProps('contactEmail')}
        />
        <TextInput label={t('leads.field.contactPhone')} type="tel" {...form.getInputProps('contactPhone')} />
        <Select
          label={t('leads.field.country')}
          data={countries}
          searchable
          clearable
          {...form.getInputProps('country')}
        />
        <TextInput label={t('leads.field.region')} {...form.getInputProps('region')} />
        <TextInput label={t('leads.field.territory')} {...form.getInputProps('territory')} />
        <TextInput
          label={t('leads.field.language')}
          description={t('leads.field.languageHint')}
          {...form.getInputProps('language')}
        />
        <NumberInput
          label={t('leads.field.companySize')}
          min={1}
          allowDecimal={false}
          {...form.getInputProps('companySize')}
        />
        <TagsInput
          label={t('leads.field.productInterests')}
          description={t('leads.field.tagsHint')}
          {...form.getInputProps('productInterests')}
        />
      </SimpleGrid>
      <Textarea label={t('leads.field.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
    </>
  );
}
