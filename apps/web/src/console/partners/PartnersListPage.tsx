import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Menu,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArrowDown,
  IconArrowsSort,
  IconArrowUp,
  IconBookmark,
  IconColumns,
  IconDownload,
  IconFileImport,
  IconFilter,
  IconPlus,
  IconSearch,
  IconTrash,
} from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { PartnerStatusValues, PartnerTypeValues, type SavedView } from '@trellis/contracts';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api, downloadUrl, newIdempotencyKey } from '../../api/client';
import { useCan } from '../../api/session';
import type { PartnerListSearch } from '../../app/router';
import { AnchorLink, ButtonLink } from '../../components/ui/links';
import { PageLoader } from '../../components/ui/PageLoader';
import { useIsMobile } from '../../components/ui/useIsMobile';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText } from '../../features/forms/errors';
import {
  listOwners,
  listPartners,
  listSavedViews,
  listTiers,
  memberKeys,
  type PartnerListParams,
  partnerKeys,
  savedViewKeys,
  tierKeys,
} from '../../features/partners/api';
import { StatusBadge, statusKey, TierBadge, typeKey } from '../../features/partners/labels';
import { countryOptions } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/locales';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { BulkActions } from './BulkActions';
import { COLUMN_IDS, COLUMN_LABEL, type ColumnId, cell, DEFAULT_COLUMNS, SORTABLE } from './columns';

const route = getRouteApi('/console/partners');
const SORT_LABEL: Record<string, MessageId> = {
  displayName: 'partners.sort.displayName',
  '-displayName': 'partners.sort.desc_displayName',
  createdAt: 'partners.sort.createdAt',
  '-createdAt': 'partners.sort.desc_createdAt',
  updatedAt: 'partners.sort.updatedAt',
  '-updatedAt': 'partners.sort.desc_updatedAt',
  country: 'partners.sort.country',
  '-country': 'partners.sort.desc_country',
};
const SORTS = Object.keys(SORT_LABEL);
const COLUMN_STORAGE = 'trellis.partnerColumns';

function storedColumns(): ColumnId[] | null {
  try {
    const raw = JSON.parse(localStorage.getItem(COLUMN_STORAGE) ?? 'null');
    return Array.isArray(raw) ? raw.filter((c): c is ColumnId => (COLUMN_IDS as readonly string[]).includes(c)) : null;
  } catch {
    return null;
  }
}

/** URL search → the API's list query (arrays become comma lists in the client). */
function toParams(s: PartnerListSearch): PartnerListParams {
  return {
    q: s.q,
    status: s.status,
    type: s.type,
    country: s.country,
    tierId: s.tierId,
    ownerUserId: s.ownerUserId,
    tag: s.tag,
    sort: s.sort && SORTS.includes(s.sort) ? s.sort : 'displayName',
  };
}

/** A saved view stores GET /partners parameters as strings (contracts' SavedViewCreate). */
function viewQuery(s: PartnerListSearch): Record<string, string> {
  const out: Record<string, string> = {};
  const p = toParams(s);
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length > 0) out[k] = v.join(',');
    } else out[k] = String(v);
  }
  return out;
}

function searchFromView(v: SavedView): PartnerListSearch {
  const q = v.query;
  const split = (x: string | undefined) => (x ? x.split(',').filter(Boolean) : undefined);
  return {
    q: q.q,
    status: split(q.status),
    type: split(q.type),
    country: split(q.country),
    tierId: split(q.tierId),
    ownerUserId: split(q.ownerUserId),
    tag: q.tag,
    sort: q.sort,
    columns: v.columns.length > 0 ? v.columns : undefined,
    view: v.id,
  };
}

/** C1: the partner directory — search, filters, sort, columns, saved views, bulk actions and export. */
export function PartnersListPage() {
  const t = useT();
  const fmt = useFormat();
  const can = useCan();
  const { locale } = useI18n();
  const mobile = useIsMobile();
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  usePageTitle(t('partners.title'));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [showFilters, setShowFilters] = useState(false);
  const [qInput, setQInput] = useState(search.q ?? '');
  useEffect(() => setQInput(search.q ?? ''), [search.q]);

  const columns: ColumnId[] = useMemo(() => {
    const fromUrl = search.columns?.filter((c): c is ColumnId => (COLUMN_IDS as readonly string[]).includes(c));
    return fromUrl && fromUrl.length > 0 ? fromUrl : (storedColumns() ?? DEFAULT_COLUMNS);
  }, [search.columns]);

  const params = toParams(search);
  const list = useInfiniteQuery({
    queryKey: partnerKeys.list(params),
    queryFn: ({ pageParam, signal }) => listPartners({ ...params, limit: 50, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const tiers = useQuery({ queryKey: tierKeys.all, queryFn: listTiers, enabled: can('tier.read') });
  const owners = useQuery({
    queryKey: [...memberKeys.all, 'owners'],
    queryFn: listOwners,
    enabled: can('member.read'),
  });
  const views = useQuery({ queryKey: savedViewKeys.all, queryFn: listSavedViews });
  const countries = useMemo(() => countryOptions(locale), [locale]);

  const set = (patch: Partial<PartnerListSearch>, keepView = false) => {
    setSelected(new Set());
    navigate({
      to: '/console/partners',
      search: { ...search, ...patch, ...(keepView ? {} : { view: undefined }) },
      replace: true,
    });
  };
  const setQ = useDebouncedCallback((q: string) => set({ q: q.trim() || undefined }), 300);
  const setColumns = (cols: ColumnId[]) => {
    try {
      localStorage.setItem(COLUMN_STORAGE, JSON.stringify(cols));
    } catch {
      // the URL still carries the choice
    }
    set({ columns: cols }, true);
  };

  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const sort = params.sort ?? 'displayName';
  const activeView = views.data?.find((v) => v.id === search.view) ?? null;
  const filterCount = [
    search.status,
    search.type,
    search.country,
    search.tierId,
    search.ownerUserId,
    search.tag,
  ].filter((x) => (Array.isArray(x) ? x.length > 0 : Boolean(x))).length;
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const exportHref = downloadUrl('/partners/export.csv', viewQuery(search));

  const toggleSort = (col: ColumnId) => {
    const base = SORTABLE[col];
    if (!base) return;
    set({ sort: sort === base ? `-${base}` : base }, true);
  };
  const sortIcon = (col: ColumnId) => {
    const base = SORTABLE[col];
    if (!base) return null;
    if (sort === base) return <IconArrowUp size={14} aria-hidden />;
    if (sort === `-${base}`) return <IconArrowDown size={14} aria-hidden />;
    return <IconArrowsSort size={14} aria-hidden style={{ opacity: 0.5 }} />;
  };
  const ariaSort = (col: ColumnId): 'ascending' | 'descending' | 'none' | undefined => {
    const base = SORTABLE[col];
    if (!base) return undefined;
    return sort === base ? 'ascending' : sort === `-${base}` ? 'descending' : 'none';
  };

  const filters = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm">
      <MultiSelect
        label={t('partner.status')}
        data={PartnerStatusValues.map((s) => ({ value: s, label: t(statusKey(s)) }))}
        value={search.status ?? []}
        onChange={(v) => set({ status: v.length ? v : undefined })}
        clearable
      />
      <MultiSelect
        label={t('partner.type')}
        data={PartnerTypeValues.map((s) => ({ value: s, label: t(typeKey(s)) }))}
        value={search.type ?? []}
        onChange={(v) => set({ type: v.length ? v : undefined })}
        clearable
      />
      <MultiSelect
        label={t('partner.country')}
        data={countries}
        value={search.country ?? []}
        onChange={(v) => set({ country: v.length ? v : undefined })}
        searchable
        clearable
      />
      {can('tier.read') && (
        <MultiSelect
          label={t('partner.tier')}
          data={(tiers.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={search.tierId ?? []}
          onChange={(v) => set({ tierId: v.length ? v : undefined })}
          clearable
        />
      )}
      {can('member.read') && (
        <MultiSelect
          label={t('partner.owner')}
          data={(owners.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
          value={search.ownerUserId ?? []}
          onChange={(v) => set({ ownerUserId: v.length ? v : undefined })}
          searchable
          clearable
        />
      )}
      <TextInput
        label={t('partners.tagFilter')}
        defaultValue={search.tag ?? ''}
        key={search.tag ?? ''}
        onBlur={(e) => set({ tag: e.currentTarget.value.trim() || undefined })}
        onKeyDown={(e) => {
          if (e.key === 'Enter') set({ tag: e.currentTarget.value.trim() || undefined });
        }}
      />
    </SimpleGrid>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={1}>{activeView ? activeView.name : t('partners.title')}</Title>
          {activeView && (
            <Text size="sm" c="dimmed">
              {t('views.savedView')}
            </Text>
          )}
        </div>
        <Group gap="xs">
          {can('partner.import') && (
            <ButtonLink to="/console/import" variant="default" leftSection={<IconFileImport size={16} aria-hidden />}>
              {t('partners.import')}
            </ButtonLink>
          )}
          {can('partner.export') && (
            <Button
              component="a"
              href={exportHref}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('partners.export')}
            </Button>
          )}
          {can('partner.create') && (
            <ButtonLink to="/console/partners/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('partners.new.title')}
            </ButtonLink>
          )}
        </Group>
      </Group>

      <Paper withBorder p="sm">
        <Stack gap="sm">
          <Group gap="xs" wrap="wrap" align="flex-end">
            <TextInput
              aria-label={t('partners.search')}
              placeholder={t('partners.search')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={qInput}
              onChange={(e) => {
                setQInput(e.currentTarget.value);
                setQ(e.currentTarget.value);
              }}
              type="search"
              style={{ flex: '1 1 240px' }}
            />
            <Button
              variant={showFilters || filterCount > 0 ? 'light' : 'default'}
              leftSection={<IconFilter size={16} aria-hidden />}
              onClick={() => setShowFilters((s) => !s)}
              aria-expanded={showFilters}
              aria-controls="partner-filters"
            >
              {filterCount > 0 ? t('partners.filtersCount', { count: filterCount }) : t('partners.filters')}
            </Button>
            <Select
              aria-label={t('partners.sort')}
              w={220}
              allowDeselect={false}
              value={sort}
              onChange={(v) => v && set({ sort: v }, true)}
              data={SORTS.map((s) => ({ value: s, label: t(SORT_LABEL[s] as MessageId) }))}
              leftSection={<IconArrowsSort size={16} aria-hidden />}
            />
            <Menu closeOnItemClick={false} withinPortal position="bottom-end">
              <Menu.Target>
                <Button variant="default" leftSection={<IconColumns size={16} aria-hidden />}>
                  {t('partners.columns')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('partners.columnsHint')}</Menu.Label>
                {COLUMN_IDS.map((c) => (
                  <Menu.Item key={c} component="div" closeMenuOnClick={false}>
                    <Checkbox
                      label={t(COLUMN_LABEL[c])}
                      checked={columns.includes(c)}
                      disabled={c === 'displayName'}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setColumns(
                          on
                            ? COLUMN_IDS.filter((x) => x === c || columns.includes(x))
                            : columns.filter((x) => x !== c),
                        );
                      }}
                    />
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item onClick={() => setColumns(DEFAULT_COLUMNS)}>{t('partners.columnsReset')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Menu withinPortal position="bottom-end">
              <Menu.Target>
                <Button variant="default" leftSection={<IconBookmark size={16} aria-hidden />}>
                  {t('views.title')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setSaving(true)}>{t('views.saveCurrent')}</Menu.Item>
                <Menu.Divider />
                {(views.data ?? []).length === 0 && <Menu.Label>{t('views.none')}</Menu.Label>}
                {(views.data ?? []).map((v) => (
                  <Menu.Item
                    key={v.id}
                    onClick={() => navigate({ to: '/console/partners', search: searchFromView(v), replace: true })}
                    aria-current={v.id === search.view ? 'true' : undefined}
                    fw={v.id === search.view ? 700 : undefined}
                  >
                    {v.name}
                  </Menu.Item>
                ))}
                {activeView && (
                  <>
                    <Menu.Divider />
                    <Menu.Item
                      color="red"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      onClick={async () => {
                        try {
                          await api.delete(`/saved-views/${activeView.id}`);
                          await queryClient.invalidateQueries({ queryKey: savedViewKeys.all });
                          notifications.show({ message: t('views.deleted', { name: activeView.name }) });
                          set({ view: undefined }, false);
                        } catch (err) {
                          notifications.show({ color: 'red', message: errorText(err, t, locale) });
                        }
                      }}
                    >
                      {t('views.delete', { name: activeView.name })}
                    </Menu.Item>
                  </>
                )}
              </Menu.Dropdown>
            </Menu>
          </Group>
          {(showFilters || filterCount > 0) && (
            <div id="partner-filters">
              {filters}
              {filterCount > 0 && (
                <Group justify="flex-end" mt="xs">
                  <Button
                    variant="subtle"
                    size="xs"
                    onClick={() =>
                      set({
                        status: undefined,
                        type: undefined,
                        country: undefined,
                        tierId: undefined,
                        ownerUserId: undefined,
                        tag: undefined,
                      })
                    }
                  >
                    {t('partners.clearFilters')}
                  </Button>
                </Group>
              )}
            </div>
          )}
        </Stack>
      </Paper>

      {selected.size > 0 && <BulkActions selected={[...selected]} onDone={() => setSelected(new Set())} />}

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <Alert color="red" role="alert">
          {errorText(list.error, t, locale)}
        </Alert>
      ) : rows.length === 0 ? (
        <Paper withBorder p="xl">
          <Stack align="center" gap="xs">
            <Text fw={600}>{t('partners.emptyTitle')}</Text>
            <Text size="sm" c="dimmed">
              {search.q || filterCount > 0 ? t('partners.emptyFiltered') : t('partners.emptyNew')}
            </Text>
          </Stack>
        </Paper>
      ) : mobile ? (
        <Stack gap="sm">
          {rows.map((p) => (
            <Card key={p.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <AnchorLink to="/console/partners/$partnerId" params={{ partnerId: p.id }} fw={600}>
                    {p.displayName}
                  </AnchorLink>
                  <Text size="sm" c="dimmed">
                    {t(typeKey(p.type))} · {fmt.country(p.country)}
                  </Text>
                  <Group gap={4} mt={4}>
                    <TierBadge name={p.tier?.name} size="sm" />
                    {p.owner && (
                      <Text size="xs" c="dimmed">
                        {p.owner.name}
                      </Text>
                    )}
                  </Group>
                </div>
                <StatusBadge status={p.status} size="sm" />
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={Math.max(720, columns.length * 140)}>
            <Table highlightOnHover verticalSpacing="xs" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  {can('partner.update') && (
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label={t('partners.selectPage')}
                        checked={allOnPage}
                        indeterminate={!allOnPage && rows.some((r) => selected.has(r.id))}
                        onChange={() =>
                          setSelected((s) => {
                            const n = new Set(s);
                            for (const r of rows) {
                              if (allOnPage) n.delete(r.id);
                              else if (n.size < 500) n.add(r.id);
                            }
                            return n;
                          })
                        }
                      />
                    </Table.Th>
                  )}
                  {columns.map((c) => (
                    <Table.Th key={c} scope="col" aria-sort={ariaSort(c)}>
                      {SORTABLE[c] ? (
                        <UnstyledButton onClick={() => toggleSort(c)} fw={700} fz="sm">
                          <Group gap={4} wrap="nowrap">
                            {t(COLUMN_LABEL[c])}
                            {sortIcon(c)}
                          </Group>
                        </UnstyledButton>
                      ) : (
                        t(COLUMN_LABEL[c])
                      )}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((p) => (
                  <Table.Tr key={p.id} bg={selected.has(p.id) ? 'var(--mantine-color-indigo-0)' : undefined}>
                    {can('partner.update') && (
                      <Table.Td>
                        <Checkbox
                          aria-label={t('partners.selectOne', { name: p.displayName })}
                          checked={selected.has(p.id)}
                          onChange={(e) => {
                            const on = e.currentTarget.checked;
                            setSelected((s) => {
                              const n = new Set(s);
                              if (on) n.add(p.id);
                              else n.delete(p.id);
                              return n;
                            });
                          }}
                        />
                      </Table.Td>
                    )}
                    {columns.map((c) => (
                      <Table.Td key={c}>{cell(c, p, t, fmt)}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      {rows.length > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" aria-live="polite">
            {list.hasNextPage
              ? t('partners.shownMore', { count: rows.length })
              : t('partners.shown', { count: rows.length })}
          </Text>
          {list.hasNextPage && (
            <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          )}
        </Group>
      )}

      <SaveViewModal
        opened={saving}
        onClose={() => setSaving(false)}
        query={viewQuery(search)}
        columns={columns}
        onSaved={(v) => {
          setSaving(false);
          navigate({ to: '/console/partners', search: searchFromView(v), replace: true });
        }}
      />
    </Stack>
  );
}

function SaveViewModal({
  opened,
  onClose,
  query,
  columns,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  query: Record<string, string>;
  columns: ColumnId[];
  onSaved: (v: SavedView) => void;
}) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  useEffect(() => {
    if (opened) {
      setName('');
      setError(null);
      setKey(newIdempotencyKey());
    }
  }, [opened]);
  return (
    <Modal opened={opened} onClose={onClose} title={t('views.saveCurrent')}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!name.trim()) {
            setError(t('fieldError.required'));
            return;
          }
          setBusy(true);
          try {
            const { savedView } = await api.post<{ savedView: SavedView }>(
              '/saved-views',
              { name: name.trim(), query, columns },
              { idempotencyKey: key },
            );
            await queryClient.invalidateQueries({ queryKey: savedViewKeys.all });
            notifications.show({ color: 'teal', message: t('views.saved', { name: savedView.name }) });
            onSaved(savedView);
          } catch (err) {
            setError(
              err instanceof ApiError && err.issues.length > 0
                ? err.issues.map((i) => i.message).join('; ')
                : errorText(err, t, locale),
            );
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack>
          <Text size="sm">{t('views.saveHint')}</Text>
          <TextInput
            label={t('views.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            maxLength={80}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
