import { Anchor, Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { CustomAttributeDefinition, PartnerDetail } from '@trellis/contracts';
import type { ReactNode } from 'react';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { StatusBadge, TierBadge, typeKey } from './labels';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" fw={600} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text component="dd" m={0} size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function Chips({ values }: { values: string[] }) {
  const t = useT();
  if (values.length === 0) return <>{t('common.empty')}</>;
  return (
    <Group gap={4} component="span">
      {values.map((v) => (
        <Badge key={v} color="gray" variant="light" tt="none" fw={500}>
          {v}
        </Badge>
      ))}
    </Group>
  );
}

/** A partner's profile as a description list; shared by the console detail and the portal company page. */
export function PartnerProfileView({
  partner,
  attributes,
  audience = 'vendor',
}: {
  partner: PartnerDetail;
  attributes: CustomAttributeDefinition[];
  /** Partners see their tier and channel manager; the vendor's own tags and hierarchy stay in the console. */
  audience?: 'vendor' | 'partner';
}) {
  const t = useT();
  const fmt = useFormat();
  const dash = t('common.empty');
  const a = partner.address;
  const address = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.state]
    .filter((x) => x?.trim())
    .join(', ');
  return (
    <Stack gap="lg">
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="md" m={0}>
        <Item label={t('partner.legalName')}>{partner.legalName}</Item>
        <Item label={t('partner.displayName')}>{partner.displayName}</Item>
        <Item label={t('partner.type')}>{t(typeKey(partner.type))}</Item>
        <Item label={t('partner.status')}>
          <StatusBadge status={partner.status} size="sm" />
        </Item>
        <Item label={t('partner.website')}>
          {partner.website ? (
            <Anchor href={partner.website} target="_blank" rel="noopener noreferrer" size="sm">
              {partner.website}
            </Anchor>
          ) : (
            dash
          )}
        </Item>
        <Item label={t('partner.phone')}>
          {partner.phone ? (
            <Anchor href={`tel:${partner.phone.replace(/[^+0-9]/g, '')}`} size="sm">
              {partner.phone}
            </Anchor>
          ) : (
            dash
          )}
        </Item>
        <Item label={t('partner.country')}>{fmt.country(partner.country)}</Item>
        <Item label={t('partner.region')}>{partner.region ?? dash}</Item>
        <Item label={t('partner.address')}>{address || dash}</Item>
        <Item label={t('partner.sizeBand')}>
          {partner.sizeBand ? t('partnerForm.sizeBandOption', { band: partner.sizeBand }) : dash}
        </Item>
        <Item label={t('partner.industries')}>
          <Chips values={partner.industries} />
        </Item>
        <Item label={t('partner.capabilities')}>
          <Chips values={partner.capabilities} />
        </Item>
        <Item label={t('partner.territories')}>
          <Chips values={partner.territories} />
        </Item>
        <Item label={t('partner.tier')}>
          <TierBadge name={partner.tier?.name} size="sm" />
        </Item>
        <Item label={audience === 'partner' ? t('portal.home.channelManager') : t('partner.owner')}>
          {partner.owner?.name ?? dash}
        </Item>
        {audience === 'vendor' && (
          <>
            <Item label={t('partner.parent')}>{partner.parent?.name ?? dash}</Item>
            <Item label={t('partner.tags')}>
              <Chips values={partner.tags} />
            </Item>
          </>
        )}
        {attributes.map((d) => {
          const v = partner.customAttributes[d.key];
          const shown =
            v === null || v === undefined || v === ''
              ? dash
              : d.type === 'date' && typeof v === 'string'
                ? fmt.day(v)
                : typeof v === 'number'
                  ? fmt.number(v)
                  : String(v);
          return (
            <Item key={d.key} label={d.label}>
              {shown}
            </Item>
          );
        })}
        <Item label={t('partner.createdAt')}>{fmt.dateTime(partner.createdAt)}</Item>
        <Item label={t('partner.updatedAt')}>{fmt.dateTime(partner.updatedAt)}</Item>
      </SimpleGrid>
    </Stack>
  );
}
