import { useDebouncedValue } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { IconBuildingStore, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useCan } from '../api/session';
import { listPartners } from '../features/partners/api';
import { useFormat } from '../i18n/useFormat';
import { useT } from '../i18n/useT';
import type { NavItem } from './nav';

/** Ctrl/⌘K: jump to any console area, or find a partner by name, domain or legal name. */
export function CommandPalette({ items }: { items: NavItem[] }) {
  const t = useT();
  const fmt = useFormat();
  const can = useCan();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const partners = useQuery({
    queryKey: ['palette-partners', debounced],
    queryFn: ({ signal }) => listPartners({ q: debounced, limit: 8 }, signal),
    enabled: debounced.length >= 2 && can('partner.read'),
    staleTime: 30_000,
  });

  const needle = query.trim().toLocaleLowerCase();
  const actions = [
    ...items.map((i) => ({ id: i.to, label: t(i.label), to: i.to, icon: i.icon })),
    ...(can('partner.create')
      ? [{ id: 'new-partner', label: t('palette.newPartner'), to: '/console/partners/new', icon: IconPlus }]
      : []),
  ].filter((a) => !needle || a.label.toLocaleLowerCase().includes(needle));
  const found = debounced.length >= 2 ? (partners.data?.data ?? []) : [];

  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      scrollable
      maxHeight={420}
      onSpotlightClose={() => setQuery('')}
    >
      <Spotlight.Search
        placeholder={t('palette.placeholder')}
        aria-label={t('palette.placeholder')}
        leftSection={<IconSearch size={18} aria-hidden />}
      />
      <Spotlight.ActionsList aria-label={t('palette.results')}>
        {actions.length > 0 && (
          <Spotlight.ActionsGroup label={t('palette.goTo')}>
            {actions.map((a) => (
              <Spotlight.Action
                key={a.id}
                label={a.label}
                leftSection={<a.icon size={18} aria-hidden />}
                onClick={() => navigate({ to: a.to })}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {found.length > 0 && (
          <Spotlight.ActionsGroup label={t('palette.partners')}>
            {found.map((p) => (
              <Spotlight.Action
                key={p.id}
                label={p.displayName}
                description={[p.legalName !== p.displayName ? p.legalName : null, fmt.country(p.country), p.domain]
                  .filter(Boolean)
                  .join(' · ')}
                leftSection={<IconBuildingStore size={18} aria-hidden />}
                onClick={() => navigate({ to: '/console/partners/$partnerId', params: { partnerId: p.id } })}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {actions.length === 0 && found.length === 0 && (
          <Spotlight.Empty>
            {debounced.length >= 2 && partners.isFetching ? t('common.loading') : t('palette.nothing')}
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
