import { Button, Stack, Text, Timeline } from '@mantine/core';
import {
  IconArrowsExchange,
  IconCirclePlus,
  IconMail,
  IconPencil,
  IconStairsUp,
  IconTag,
  IconUserCheck,
  IconUserCircle,
} from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { PartnerEvent, PartnerStatus } from '@trellis/contracts';
import { PageLoader } from '../../components/ui/PageLoader';
import type { MessageId } from '../../i18n/locales';
import { useFormat } from '../../i18n/useFormat';
import { type TFunction, useT } from '../../i18n/useT';
import { listPartnerEvents, partnerKeys } from './api';
import { roleKey, statusKey } from './labels';

type Summary = { id: string; name: string | null } | null;
const name = (s: unknown, t: TFunction) => ((s as Summary)?.name ?? t('common.none')) as string;
const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : '');
const FIELD_KEYS: Record<string, MessageId> = {
  legalName: 'partner.legalName',
  displayName: 'partner.displayName',
  website: 'partner.website',
  phone: 'partner.phone',
  country: 'partner.country',
  region: 'partner.region',
  address: 'partner.address',
  type: 'partner.type',
  sizeBand: 'partner.sizeBand',
  industries: 'partner.industries',
  capabilities: 'partner.capabilities',
  territories: 'partner.territories',
  parentPartnerId: 'partner.parent',
  customAttributes: 'partnerForm.customAttributes',
  logoUrl: 'partner.logoUrl',
  metadata: 'timeline.metadata',
};

function describe(e: PartnerEvent, t: TFunction): { text: string; detail?: string; icon: typeof IconPencil } {
  const d = e.data;
  switch (e.type) {
    case 'partner.created':
      return {
        text: d.source === 'import' ? t('timeline.createdByImport') : t('timeline.created'),
        icon: IconCirclePlus,
      };
    case 'status.changed':
      return {
        text: t('timeline.statusChanged', {
          from: t(statusKey(d.from as PartnerStatus)),
          to: t(statusKey(d.to as PartnerStatus)),
        }),
        detail: typeof d.reason === 'string' ? t('timeline.reason', { reason: d.reason }) : undefined,
        icon: IconArrowsExchange,
      };
    case 'profile.updated':
      return {
        text: t('timeline.profileUpdated'),
        detail: Array.isArray(d.fields)
          ? d.fields.map((f) => (FIELD_KEYS[String(f)] ? t(FIELD_KEYS[String(f)] as MessageId) : String(f))).join(', ')
          : undefined,
        icon: IconPencil,
      };
    case 'tier.changed':
      return { text: t('timeline.tierChanged', { from: name(d.from, t), to: name(d.to, t) }), icon: IconStairsUp };
    case 'owner.changed':
      return { text: t('timeline.ownerChanged', { from: name(d.from, t), to: name(d.to, t) }), icon: IconUserCircle };
    case 'tags.changed':
      return {
        text: t('timeline.tagsChanged'),
        detail: [
          list(d.added) && t('timeline.tagsAdded', { tags: list(d.added) }),
          list(d.removed) && t('timeline.tagsRemoved', { tags: list(d.removed) }),
        ]
          .filter(Boolean)
          .join(' · '),
        icon: IconTag,
      };
    case 'user.invited':
      return {
        text: t('timeline.userInvited', { email: String(d.email ?? ''), role: t(roleKey(d.role as never)) }),
        icon: IconMail,
      };
    case 'user.joined':
      return {
        text: t('timeline.userJoined', { email: String(d.email ?? ''), role: t(roleKey(d.role as never)) }),
        icon: IconUserCheck,
      };
    default:
      return { text: e.type, icon: IconPencil };
  }
}

/** C2 partner journey: every event, newest first, with who and when. */
export function PartnerTimeline({ partnerId }: { partnerId: string }) {
  const t = useT();
  const fmt = useFormat();
  const events = useInfiniteQuery({
    queryKey: partnerKeys.events(partnerId),
    queryFn: ({ pageParam }) => listPartnerEvents(partnerId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  if (events.isPending) return <PageLoader />;
  const items = events.data?.pages.flatMap((p) => p.data) ?? [];
  if (items.length === 0) return <Text c="dimmed">{t('timeline.empty')}</Text>;
  return (
    <Stack>
      <Timeline bulletSize={28} lineWidth={2}>
        {items.map((e) => {
          const { text, detail, icon: Icon } = describe(e, t);
          return (
            <Timeline.Item key={e.id} bullet={<Icon size={16} aria-hidden />} title={text}>
              {detail && (
                <Text size="sm" mt={2}>
                  {detail}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={4}>
                <time dateTime={e.occurredAt}>{fmt.dateTime(e.occurredAt)}</time>
                {e.actor ? ` · ${e.actor.name}` : ''}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {events.hasNextPage && (
        <Button variant="default" onClick={() => events.fetchNextPage()} loading={events.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
