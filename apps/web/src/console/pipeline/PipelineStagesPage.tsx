import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PipelineStage, PipelineStageKind } from '@trellis/contracts';
import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { useCan } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText, fieldErrors } from '../../features/forms/errors';
import { pipelineKeys, useStages } from '../../features/pipeline/api';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

/** C6 settings: the workspace's pipeline stages — add, rename, re-weight, reorder, delete (moving deals). */
export function PipelineStagesPage() {
  const t = useT();
  const f = useFormat();
  const can = useCan();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  usePageTitle(t('pipeline.settings.title'));
  const stages = useStages(can('pipeline.read'));
  const [deleting, setDeleting] = useState<PipelineStage | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: pipelineKeys.all });
  const fail = (err: unknown) =>
    notifications.show({
      closeButtonProps: { 'aria-label': t('pipeline.notice.close') },
      color: 'red',
      message: errorText(err, t, locale),
    });
  const reorder = useMutation({
    mutationFn: (stageIds: string[]) => api.put('/pipeline/stages/order', { stageIds }),
    onSuccess: refresh,
    onError: fail,
  });
  if (!can('pipeline.read')) return <NotAllowed />;
  if (!stages.data)
    return stages.isError ? <Alert color="red">{errorText(stages.error, t, locale)}</Alert> : <PageLoader />;
  const manage = can('pipeline.settings');
  const list = stages.data;
  const swap = (i: number, j: number) => {
    const ids = list.map((s) => s.id);
    const a = ids[i];
    const b = ids[j];
    if (a === undefined || b === undefined) return;
    ids[i] = b;
    ids[j] = a;
    reorder.mutate(ids);
  };
  return (
    <Stack>
      <div>
        <Title order={1}>{t('pipeline.settings.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('pipeline.settings.subtitle')}
        </Text>
      </div>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('pipeline.settings.kind')}</Table.Th>
                <Table.Th>{t('pipeline.settings.probability')}</Table.Th>
                <Table.Th ta="right">{t('pipeline.forecast.deals')}</Table.Th>
                {manage && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((s, i) => (
                <StageRow
                  key={`${s.id}:${s.name}:${s.probability}`}
                  stage={s}
                  manage={manage}
                  first={i === 0}
                  last={i === list.length - 1}
                  onUp={() => swap(i, i - 1)}
                  onDown={() => swap(i, i + 1)}
                  onDelete={() => setDeleting(s)}
                  onSaved={refresh}
                  dealsLabel={f.number(s.dealCount)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {manage && <AddStage onSaved={refresh} />}
      {deleting && (
        <DeleteStageModal
          stage={deleting}
          stages={list}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            refresh();
          }}
        />
      )}
    </Stack>
  );
}

function StageRow({
  stage,
  manage,
  first,
  last,
  onUp,
  onDown,
  onDelete,
  onSaved,
  dealsLabel,
}: {
  stage: PipelineStage;
  manage: boolean;
  first: boolean;
  last: boolean;
  onUp: () => void;
  onDown: () => void;
  onDelete: () => void;
  onSaved: () => void;
  dealsLabel: string;
}) {
  const t = useT();
  const { locale } = useI18n();
  const [name, setName] = useState(stage.name);
  const [probability, setProbability] = useState<number | string>(stage.probability);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => {
      const body: { name?: string; probability?: number } = {};
      if (name.trim() !== stage.name) body.name = name.trim();
      if (Number(probability) !== stage.probability) body.probability = Number(probability);
      return api.patch(`/pipeline/stages/${stage.id}`, body);
    },
    onSuccess: () => {
      setErrors({});
      notifications.show({
        closeButtonProps: { 'aria-label': t('pipeline.notice.close') },
        color: 'green',
        message: t('common.saved'),
      });
      onSaved();
    },
    onError: (err) => {
      setErrors(fieldErrors(err, t, locale));
      if (Object.keys(fieldErrors(err, t, locale)).length === 0)
        notifications.show({
          closeButtonProps: { 'aria-label': t('pipeline.notice.close') },
          color: 'red',
          message: errorText(err, t, locale),
        });
    },
  });
  const dirty = name.trim() !== stage.name || Number(probability) !== stage.probability;
  const kindColor: Record<PipelineStageKind, string> = { open: 'blue', won: 'green', lost: 'red' };
  return (
    <Table.Tr>
      <Table.Td>
        {manage ? (
          <TextInput
            aria-label={t('pipeline.settings.nameOf', { name: stage.name })}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maxLength={60}
          />
        ) : (
          stage.name
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={kindColor[stage.kind]}>
          {t(`pipeline.kind.${stage.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {manage && stage.kind === 'open' ? (
          <NumberInput
            aria-label={t('pipeline.settings.probabilityOf', { name: stage.name })}
            value={probability}
            onChange={setProbability}
            min={0}
            max={100}
            allowDecimal={false}
            suffix=" %"
            w={110}
            error={errors.probability}
          />
        ) : (
          `${stage.probability} %`
        )}
      </Table.Td>
      <Table.Td ta="right">{dealsLabel}</Table.Td>
      {manage && (
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            <Button size="compact-sm" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>
              {t('common.save')}
            </Button>
            <ActionIcon
              variant="subtle"
              disabled={first}
              onClick={onUp}
              aria-label={t('pipeline.settings.moveUp', { name: stage.name })}
            >
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              disabled={last}
              onClick={onDown}
              aria-label={t('pipeline.settings.moveDown', { name: stage.name })}
            >
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={onDelete}
              aria-label={t('pipeline.settings.deleteOf', { name: stage.name })}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function AddStage({ onSaved }: { onSaved: () => void }) {
  const t = useT();
  const { locale } = useI18n();
  const [name, setName] = useState('');
  const [probability, setProbability] = useState<number | string>(50);
  const [kind, setKind] = useState<PipelineStageKind>('open');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [key, setKey] = useState(newIdempotencyKey);
  const add = useMutation({
    mutationFn: () =>
      api.post(
        '/pipeline/stages',
        { name: name.trim(), kind, probability: kind === 'won' ? 100 : kind === 'lost' ? 0 : Number(probability) },
        { idempotencyKey: key },
      ),
    onSuccess: () => {
      setName('');
      setErrors({});
      setKey(newIdempotencyKey());
      onSaved();
    },
    onError: (err) => setErrors(fieldErrors(err, t, locale)),
  });
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Title order={2} size="h4" mb="sm">
          {t('pipeline.settings.add')}
        </Title>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('common.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
            maxLength={60}
          />
          <Select
            label={t('pipeline.settings.kind')}
            data={(['open', 'won', 'lost'] as const).map((k) => ({ value: k, label: t(`pipeline.kind.${k}`) }))}
            value={kind}
            onChange={(v) => setKind((v as PipelineStageKind | null) ?? 'open')}
            allowDeselect={false}
            w={140}
          />
          {kind === 'open' && (
            <NumberInput
              label={t('pipeline.settings.probability')}
              value={probability}
              onChange={setProbability}
              min={0}
              max={100}
              allowDecimal={false}
              suffix=" %"
              error={errors.probability}
              w={130}
            />
          )}
          <Button type="submit" mt={24} loading={add.isPending}>
            {t('pipeline.settings.addButton')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

function DeleteStageModal({
  stage,
  stages,
  onClose,
  onDeleted,
}: {
  stage: PipelineStage;
  stages: readonly PipelineStage[];
  onClose: () => void;
  onDeleted: () => void;
}) {
  const t = useT();
  const { locale } = useI18n();
  const targets = stages.filter((s) => s.kind === stage.kind && s.id !== stage.id);
  const [moveTo, setMoveTo] = useState<string | null>(targets[0]?.id ?? null);
  const del = useMutation({
    mutationFn: () =>
      api.delete(`/pipeline/stages/${stage.id}${stage.dealCount > 0 && moveTo ? `?moveTo=${moveTo}` : ''}`),
    onSuccess: onDeleted,
  });
  return (
    <Modal opened onClose={onClose} title={t('pipeline.settings.deleteTitle', { name: stage.name })}>
      <Stack>
        {targets.length === 0 ? (
          <Alert color="orange">{t('pipeline.settings.lastOfKind')}</Alert>
        ) : stage.dealCount > 0 ? (
          <>
            <Text size="sm">{t('pipeline.settings.deleteMove', { count: stage.dealCount })}</Text>
            <Select
              label={t('pipeline.settings.moveTo')}
              data={targets.map((s) => ({ value: s.id, label: s.name }))}
              value={moveTo}
              onChange={setMoveTo}
              allowDeselect={false}
            />
          </>
        ) : (
          <Text size="sm">{t('pipeline.settings.deleteEmpty')}</Text>
        )}
        {del.isError && <Alert color="red">{errorText(del.error, t, locale)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" disabled={targets.length === 0} loading={del.isPending} onClick={() => del.mutate()}>
            {t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
