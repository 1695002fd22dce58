import { Badge, Group, Text } from '@mantine/core';
import type { Partner } from '@trellis/contracts';
import type { ReactNode } from 'react';
import { AnchorLink } from '../../components/ui/links';
import { StatusBadge, TierBadge, typeKey } from '../../features/partners/labels';
import type { MessageId } from '../../i18n/locales';
import type { useFormat } from '../../i18n/useFormat';
import type { TFunction } from '../../i18n/useT';

/** The same list as contracts' PartnerColumnValues (a saved view stores these names). */
export const COLUMN_IDS = [
  'displayName',
  'legalName',
  'domain',
  'country',
  'region',
  'type',
  'sizeBand',
  'status',
  'tier',
  'owner',
  'parent',
  'tags',
  'industries',
  'capabilities',
  'territories',
  'createdAt',
  'updatedAt',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export const DEFAULT_COLUMNS: ColumnId[] = [
  'displayName',
  'country',
  'type',
  'status',
  'tier',
  'owner',
  'tags',
  'updatedAt',
];

/** Columns the API can sort by, and the sort value for ascending order. */
export const SORTABLE: Partial<Record<ColumnId, string>> = {
  displayName: 'displayName',
  country: 'country',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

export const COLUMN_LABEL: Record<ColumnId, MessageId> = {
  displayName: 'partner.displayName',
  legalName: 'partner.legalName',
  domain: 'partner.domain',
  country: 'partner.country',
  region: 'partner.region',
  type: 'partner.type',
  sizeBand: 'partner.sizeBand',
  status: 'partner.status',
  tier: 'partner.tier',
  owner: 'partner.owner',
  parent: 'partner.parent',
  tags: 'partner.tags',
  industries: 'partner.industries',
  capabilities: 'partner.capabilities',
  territories: 'partner.territories',
  createdAt: 'partner.createdAt',
  updatedAt: 'partner.updatedAt',
};

function chips(values: string[], t: TFunction): ReactNode {
  if (values.length === 0) return t('common.empty');
  return (
    <Group gap={4} wrap="wrap">
      {values.map((v) => (
        <Badge key={v} color="gray" size="sm" tt="none" fw={500}>
          {v}
        </Badge>
      ))}
    </Group>
  );
}

export function cell(col: ColumnId, p: Partner, t: TFunction, fmt: ReturnType<typeof useFormat>): ReactNode {
  const dash = t('common.empty');
  switch (col) {
    case 'displayName':
      return (
        <AnchorLink to="/console/partners/$partnerId" params={{ partnerId: p.id }} fw={600}>
          {p.displayName}
        </AnchorLink>
      );
    case 'legalName':
      return p.legalName;
    case 'domain':
      return p.domain ?? dash;
    case 'country':
      return (
        <Text size="sm" title={p.country}>
          {fmt.country(p.country)}
        </Text>
      );
    case 'region':
      return p.region ?? dash;
    case 'type':
      return t(typeKey(p.type));
    case 'sizeBand':
      return p.sizeBand ?? dash;
    case 'status':
      return <StatusBadge status={p.status} size="sm" />;
    case 'tier':
      return <TierBadge name={p.tier?.name} size="sm" />;
    case 'owner':
      return p.owner?.name ?? dash;
    case 'parent':
      return p.parent ? (
        <AnchorLink to="/console/partners/$partnerId" params={{ partnerId: p.parent.id }} size="sm">
          {p.parent.name}
        </AnchorLink>
      ) : (
        dash
      );
    case 'tags':
      return chips(p.tags, t);
    case 'industries':
      return chips(p.industries, t);
    case 'capabilities':
      return chips(p.capabilities, t);
    case 'territories':
      return chips(p.territories, t);
    case 'createdAt':
      return <time dateTime={p.createdAt}>{fmt.date(p.createdAt)}</time>;
    case 'updatedAt':
      return <time dateTime={p.updatedAt}>{fmt.date(p.updatedAt)}</time>;
  }
}
