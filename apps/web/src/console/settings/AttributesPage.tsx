import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CustomAttributeDefinition,
  CustomAttributeDefinitionCreateSchema,
  CustomAttributeDefinitionUpdateSchema,
  CustomAttributeTypeValues,
} from '@trellis/contracts';
import { useState } from 'react';
import { ApiError, api, newIdempotencyKey } from '../../api/client';
import { useCan } from '../../api/session';
import { ConfirmButton } from '../../components/ui/ConfirmButton';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { useIsMobile } from '../../components/ui/useIsMobile';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText, fieldErrors, issueText } from '../../features/forms/errors';
import { toIssues } from '../../features/forms/zodIssues';
import { attributeKeys, listAttributes } from '../../features/partners/api';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/locales';
import { useT } from '../../i18n/useT';

type AttrType = CustomAttributeDefinition['type'];
const typeKey = (x: AttrType): MessageId => `attributes.type.${x}`;

/** C1: typed custom attributes defined per workspace. */
export function AttributesPage() {
  const t = useT();
  const can = useCan();
  const { locale } = useI18n();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  usePageTitle(t('attributes.title'));
  const attrs = useQuery({ queryKey: attributeKeys.all, queryFn: listAttributes, enabled: can('attribute.read') });
  const [editing, setEditing] = useState<CustomAttributeDefinition | 'new' | null>(null);
  if (!can('attribute.read')) return <NotAllowed />;
  if (attrs.isPending) return <PageLoader />;
  const manage = can('attribute.manage');
  const list = attrs.data ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: attributeKeys.all });
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={1}>{t('attributes.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('attributes.subtitle')}
          </Text>
        </div>
        {manage && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('attributes.add')}
          </Button>
        )}
      </Group>
      <Paper withBorder>
        {list.length === 0 ? (
          <Text p="md" c="dimmed">
            {t('attributes.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('attributes.label')}</Table.Th>
                  <Table.Th scope="col">{t('attributes.key')}</Table.Th>
                  <Table.Th scope="col">{t('attributes.type')}</Table.Th>
                  <Table.Th scope="col">{t('attributes.options')}</Table.Th>
                  <Table.Th scope="col">{t('attributes.rules')}</Table.Th>
                  {manage && (
                    <Table.Th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td fw={600}>{d.label}</Table.Td>
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {d.key}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(typeKey(d.type))}</Table.Td>
                    <Table.Td>{d.options.length > 0 ? d.options.join(', ') : t('common.empty')}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {d.required && <Badge color="red">{t('attributes.required')}</Badge>}
                        {d.partnerEditable && <Badge color="blue">{t('attributes.partnerEditable')}</Badge>}
                      </Group>
                    </Table.Td>
                    {manage && (
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            aria-label={t('attributes.editNamed', { name: d.label })}
                            onClick={() => setEditing(d)}
                          >
                            <IconPencil size={16} aria-hidden />
                          </Button>
                          <ConfirmButton
                            variant="subtle"
                            color="red"
                            size="compact-sm"
                            aria-label={t('attributes.deleteNamed', { name: d.label })}
                            title={t('attributes.deleteTitle')}
                            body={t('attributes.deleteBody', { name: d.label })}
                            confirmLabel={t('common.delete')}
                            onConfirm={async () => {
                              try {
                                await api.delete(`/custom-attributes/${d.id}`);
                                notifications.show({ message: t('attributes.deleted', { name: d.label }) });
                                await refresh();
                              } catch (err) {
                                notifications.show({ color: 'red', message: errorText(err, t, locale) });
                              }
                            }}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ConfirmButton>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('attributes.add') : t('attributes.edit')}
        size="lg"
        fullScreen={mobile}
      >
        {editing !== null && (
          <AttributeForm
            attribute={editing === 'new' ? null : editing}
            onDone={async () => {
              setEditing(null);
              await refresh();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function keyFromLabel(label: string): string {
  const base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '');
  return base.slice(0, 40);
}

function AttributeForm({
  attribute,
  onDone,
}: {
  attribute: CustomAttributeDefinition | null;
  onDone: () => Promise<void>;
}) {
  const t = useT();
  const { locale } = useI18n();
  const [key] = useState(newIdempotencyKey);
  const [keyTouched, setKeyTouched] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      label: attribute?.label ?? '',
      key: attribute?.key ?? '',
      type: (attribute?.type ?? 'text') as AttrType,
      options: attribute?.options ?? [],
      required: attribute?.required ?? false,
      partnerEditable: attribute?.partnerEditable ?? false,
    },
  });
  const v = form.getValues();
  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const body = attribute
      ? {
          label: values.label.trim(),
          ...(attribute.type === 'select' ? { options: values.options } : {}),
          required: values.required,
          partnerEditable: values.partnerEditable,
        }
      : {
          key: values.key.trim(),
          label: values.label.trim(),
          type: values.type,
          options: values.type === 'select' ? values.options : [],
          required: values.required,
          partnerEditable: values.partnerEditable,
        };
    const parsed = attribute
      ? CustomAttributeDefinitionUpdateSchema.safeParse(body)
      : CustomAttributeDefinitionCreateSchema.safeParse(body);
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const i of toIssues(parsed.error.issues)) errs[i.path.split('.')[0] ?? i.path] ??= issueText(i, t, locale);
      form.setErrors(errs);
      return;
    }
    try {
      if (attribute) await api.patch(`/custom-attributes/${attribute.id}`, parsed.data);
      else await api.post('/custom-attributes', parsed.data, { idempotencyKey: key });
      notifications.show({ color: 'teal', message: t('attributes.saved', { name: values.label.trim() }) });
      await onDone();
    } catch (err) {
      const errs = fieldErrors(err, t, locale);
      const flat: Record<string, string> = {};
      for (const [k, m] of Object.entries(errs)) flat[k.split('.')[0] ?? k] ??= m;
      if (err instanceof ApiError && err.code === 'conflict') flat.key = errorText(err, t, locale);
      form.setErrors(flat);
      if (!(err instanceof ApiError) || (err.issues.length === 0 && err.code !== 'conflict')) {
        setFormError(errorText(err, t, locale));
      }
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('attributes.label')}
            required
            {...form.getInputProps('label')}
            onChange={(e) => {
              const label = e.currentTarget.value;
              form.setFieldValue('label', label);
              if (!attribute && !keyTouched) form.setFieldValue('key', keyFromLabel(label));
            }}
          />
          <TextInput
            label={t('attributes.key')}
            description={t('attributes.keyHint')}
            required
            disabled={Boolean(attribute)}
            ff="monospace"
            {...form.getInputProps('key')}
            onChange={(e) => {
              setKeyTouched(true);
              form.setFieldValue('key', e.currentTarget.value);
            }}
          />
          <Select
            label={t('attributes.type')}
            disabled={Boolean(attribute)}
            allowDeselect={false}
            data={CustomAttributeTypeValues.map((x) => ({ value: x, label: t(typeKey(x)) }))}
            {...form.getInputProps('type')}
          />
        </SimpleGrid>
        {v.type === 'select' && (
          <TagsInput
            label={t('attributes.options')}
            description={t('partnerForm.tagsHint')}
            required
            {...form.getInputProps('options')}
          />
        )}
        <Checkbox
          label={t('attributes.required')}
          description={t('attributes.requiredHint')}
          {...form.getInputProps('required', { type: 'checkbox' })}
        />
        <Checkbox
          label={t('attributes.partnerEditable')}
          description={t('attributes.partnerEditableHint')}
          {...form.getInputProps('partnerEditable', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
