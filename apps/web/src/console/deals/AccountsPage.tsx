import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  TagsInput,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Account } from '@trellis/contracts';
import { useMemo, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { useCan } from '../../api/session';
import { ButtonLink } from '../../components/ui/links';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText, fieldErrors } from '../../features/forms/errors';
import { countryOptions } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';

/** The vendor's own customer accounts; named accounts may not be registered by partners. */
export function AccountsPage() {
  const t = useT();
  const f = useFormat();
  const can = useCan();
  usePageTitle(t('deals.accounts.title'));
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['accounts', debounced],
    queryFn: () => api.get<{ data: Account[]; nextCursor: string | null }>('/accounts', { q: debounced, limit: 100 }),
    enabled: can('account.read'),
  });
  if (!can('account.read')) return <NotAllowed />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1}>{t('deals.accounts.title')}</Title>
        {can('account.manage') && (
          <Group gap="xs">
            {can('partner.import') && (
              <ButtonLink to="/console/import" search={{ kind: 'accounts' }} variant="default">
                {t('deals.accounts.import')}
              </ButtonLink>
            )}
            <Button onClick={() => setEditing('new')}>{t('deals.accounts.new')}</Button>
          </Group>
        )}
      </Group>
      <TextInput
        label={t('deals.search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={360}
        type="search"
      />
      {!list.data ? (
        <PageLoader />
      ) : list.data.data.length === 0 ? (
        <Alert color="gray">{t('deals.accounts.empty')}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deals.accounts.name')}</Table.Th>
                <Table.Th>{t('deals.accounts.domains')}</Table.Th>
                <Table.Th>{t('deals.customer.country')}</Table.Th>
                <Table.Th>{t('deals.owner')}</Table.Th>
                <Table.Th>{t('deals.accounts.named')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    {can('account.manage') ? (
                      <Anchor component="button" type="button" onClick={() => setEditing(a)} fw={600}>
                        {a.name}
                      </Anchor>
                    ) : (
                      a.name
                    )}
                  </Table.Td>
                  <Table.Td>{a.domains.join(', ')}</Table.Td>
                  <Table.Td>{f.country(a.country)}</Table.Td>
                  <Table.Td>{a.owner?.name ?? '—'}</Table.Td>
                  <Table.Td>{a.namedAccount && <Badge variant="light">{t('deals.accounts.named')}</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <AccountModal account={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function AccountModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const [name, setName] = useState(account?.name ?? '');
  const [domains, setDomains] = useState<string[]>(account?.domains ?? []);
  const [country, setCountry] = useState<string | null>(account?.country ?? null);
  const [city, setCity] = useState(account?.address.city ?? '');
  const [named, setNamed] = useState(account?.namedAccount ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);
  const mutation = useMutation({
    mutationFn: () => {
      const body = {
        name: name.trim(),
        domains,
        country: country ?? '',
        address: { ...(account?.address ?? {}), ...(city.trim() ? { city: city.trim() } : {}) },
        namedAccount: named,
      };
      return account
        ? api.patch(`/accounts/${account.id}`, body)
        : api.post('/accounts', body, { idempotencyKey: key });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
    onError: (err) => {
      setErrors(fieldErrors(err, t, locale));
      setFormError(errorText(err, t, locale));
    },
  });
  return (
    <Modal opened onClose={onClose} title={account ? t('deals.accounts.edit') : t('deals.accounts.new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('deals.accounts.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <TagsInput
            label={t('deals.accounts.domains')}
            description={t('deals.accounts.domainsHint')}
            value={domains}
            onChange={setDomains}
            error={errors.domains ?? errors['domains.0']}
          />
          <Select
            label={t('deals.customer.country')}
            required
            searchable
            data={countries}
            value={country}
            onChange={setCountry}
            error={errors.country}
          />
          <TextInput label={t('deals.customer.city')} value={city} onChange={(e) => setCity(e.currentTarget.value)} />
          <Checkbox
            label={t('deals.accounts.namedLabel')}
            description={t('deals.accounts.namedHint')}
            checked={named}
            onChange={(e) => setNamed(e.currentTarget.checked)}
          />
          {formError && <Alert color="red">{formError}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('deals.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('deals.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
