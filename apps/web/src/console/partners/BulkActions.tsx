import { Alert, Button, Group, Menu, Modal, Paper, Select, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type PartnerBulkAction,
  PartnerBulkActionSchema,
  type PartnerBulkResult,
  PartnerStatusValues,
} from '@trellis/contracts';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { useIsMobile } from '../../components/ui/useIsMobile';
import { errorText } from '../../features/forms/errors';
import { listOwners, listTiers, memberKeys, tierKeys } from '../../features/partners/api';
import { StatusChangeModal } from '../../features/partners/StatusChangeModal';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';

type Kind = 'assign_owner' | 'change_tier' | 'add_tags' | 'remove_tags' | 'change_status';

/** C1 segmentation: one action over the selected partners (up to 500), all or nothing. */
export function BulkActions({ selected, onDone }: { selected: string[]; onDone: () => void }) {
  const t = useT();
  const can = useCan();
  const { locale } = useI18n();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind | null>(null);
  const [value, setValue] = useState<string | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tiers = useQuery({ queryKey: tierKeys.all, queryFn: listTiers, enabled: kind === 'change_tier' });
  const owners = useQuery({
    queryKey: [...memberKeys.all, 'owners'],
    queryFn: listOwners,
    enabled: kind === 'assign_owner' && can('member.read'),
  });
  if (!can('partner.update')) return null;

  const open = (k: Kind) => {
    setKind(k);
    setValue(null);
    setTags([]);
    setError(null);
  };
  const run = async (action: PartnerBulkAction) => {
    const parsed = PartnerBulkActionSchema.safeParse(action);
    if (!parsed.success) {
      setError(t('apiError.validation_failed'));
      return;
    }
    const result = await api.post<PartnerBulkResult>('/partners/bulk', parsed.data);
    await queryClient.invalidateQueries({ queryKey: ['partners'] });
    notifications.show({
      color: 'teal',
      message: t('bulk.done', { changed: result.changedIds.length, matched: result.matched }),
    });
    setKind(null);
    onDone();
  };
  const submit = async () => {
    if (!kind || kind === 'change_status') return;
    setBusy(true);
    setError(null);
    try {
      if (kind === 'assign_owner') await run({ action: kind, ownerUserId: value, partnerIds: selected });
      else if (kind === 'change_tier') await run({ action: kind, tierId: value, partnerIds: selected });
      else {
        if (tags.length === 0) {
          setError(t('bulk.tagsRequired'));
          return;
        }
        await run({ action: kind, tags, partnerIds: selected });
      }
    } catch (err) {
      setError(errorText(err, t, locale));
    } finally {
      setBusy(false);
    }
  };

  const titles: Record<Kind, string> = {
    assign_owner: t('bulk.assignOwner'),
    change_tier: t('bulk.changeTier'),
    add_tags: t('bulk.addTags'),
    remove_tags: t('bulk.removeTags'),
    change_status: t('bulk.changeStatus'),
  };

  return (
    <>
      <Paper withBorder p="xs" bg="indigo.0" role="region" aria-label={t('bulk.region')}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm" fw={600} aria-live="polite">
            {t('bulk.selected', { count: selected.length })}
          </Text>
          <Group gap="xs">
            <Menu withinPortal position="bottom-end">
              <Menu.Target>
                <Button size="sm" rightSection={<IconChevronDown size={14} aria-hidden />}>
                  {t('bulk.actions')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {(Object.keys(titles) as Kind[])
                  .filter((k) => k !== 'change_status' || can('partner.change_status'))
                  .map((k) => (
                    <Menu.Item key={k} onClick={() => open(k)}>
                      {titles[k]}…
                    </Menu.Item>
                  ))}
              </Menu.Dropdown>
            </Menu>
            <Button size="sm" variant="default" onClick={onDone}>
              {t('bulk.clear')}
            </Button>
          </Group>
        </Group>
      </Paper>
      <Modal
        opened={kind !== null && kind !== 'change_status'}
        onClose={() => setKind(null)}
        title={kind ? `${titles[kind]} · ${t('bulk.selected', { count: selected.length })}` : ''}
        fullScreen={mobile}
      >
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {kind === 'assign_owner' && (
            <Select
              label={t('partner.owner')}
              placeholder={t('partner.noOwner')}
              description={t('bulk.emptyClears')}
              data={(owners.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
              value={value}
              onChange={setValue}
              clearable
              searchable
            />
          )}
          {kind === 'change_tier' && (
            <Select
              label={t('partner.tier')}
              placeholder={t('tier.none')}
              description={t('bulk.emptyClears')}
              data={(tiers.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              value={value}
              onChange={setValue}
              clearable
            />
          )}
          {(kind === 'add_tags' || kind === 'remove_tags') && (
            <TagsInput
              label={t('partner.tags')}
              description={t('partnerForm.tagsHint')}
              value={tags}
              onChange={setTags}
              maxTags={10}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setKind(null)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={submit} loading={busy}>
              {t('common.apply')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <StatusChangeModal
        opened={kind === 'change_status'}
        onClose={() => setKind(null)}
        targets={PartnerStatusValues}
        title={`${titles.change_status} · ${t('bulk.selected', { count: selected.length })}`}
        onSubmit={(status, reason) => run({ action: 'change_status', status, reason, partnerIds: selected })}
      />
    </>
  );
}
