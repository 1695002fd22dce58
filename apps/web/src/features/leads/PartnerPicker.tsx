import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { getPartner, listPartners, partnerKeys } from '../partners/api';

/** Names of partners by id: the ones a search returned, and one look-up each for a chosen id not among them. */
function usePartnerOptions(search: string, selected: readonly string[]) {
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: partnerKeys.list({ q: debounced || undefined, limit: 50, sort: 'displayName' }),
    queryFn: ({ signal }) => listPartners({ q: debounced || undefined, limit: 50, sort: 'displayName' }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const found = new Map((results.data?.data ?? []).map((p) => [p.id, p.displayName]));
  const missing = selected.filter((id) => id && !found.has(id));
  const lookups = useQueries({
    queries: missing.map((id) => ({
      queryKey: partnerKeys.detail(id),
      queryFn: () => getPartner(id),
      staleTime: 300_000,
      retry: false,
    })),
  });
  const data = useMemo(() => {
    const out = new Map(found);
    missing.forEach((id, i) => {
      const p = lookups[i]?.data;
      out.set(id, p?.displayName ?? id);
    });
    return [...out].map(([value, label]) => ({ value, label }));
  }, [found, missing, lookups]);
  return { data, loading: results.isFetching };
}

type Common = {
  label: string;
  description?: string;
  placeholder?: string;
  error?: string | null;
  required?: boolean;
  w?: number | string;
};

/** Pick one partner by typing part of its name. */
export function PartnerPicker({
  value,
  onChange,
  clearable = false,
  ...common
}: Common & { value: string | null; onChange: (id: string | null) => void; clearable?: boolean }) {
  const [search, setSearch] = useState('');
  const { data } = usePartnerOptions(search, value ? [value] : []);
  return (
    <Select
      {...common}
      searchable
      clearable={clearable}
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage="—"
    />
  );
}

/** Pick several partners by typing part of a name. */
export function PartnersPicker({
  value,
  onChange,
  ...common
}: Common & { value: string[]; onChange: (ids: string[]) => void }) {
  const [search, setSearch] = useState('');
  const { data } = usePartnerOptions(search, value);
  return (
    <MultiSelect
      {...common}
      searchable
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage="—"
    />
  );
}
