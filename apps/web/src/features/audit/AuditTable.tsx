import { Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@trellis/contracts';
import { Fragment, useState } from 'react';
import { api } from '../../api/client';
import { AnchorLink } from '../../components/ui/links';
import { PageLoader } from '../../components/ui/PageLoader';
import type { MessageId } from '../../i18n/locales';
import { useFormat } from '../../i18n/useFormat';
import { type TFunction, useT } from '../../i18n/useT';
import type { Page } from '../partners/api';

export type AuditFilter = {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
};

export const AUDIT_ACTIONS = [
  'partner.created',
  'partner.updated',
  'partner.status_changed',
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'tier.created',
  'tier.updated',
  'tier.deleted',
  'custom_attribute.created',
  'custom_attribute.updated',
  'custom_attribute.deleted',
  'saved_view.created',
  'saved_view.deleted',
  'import.uploaded',
  'import.started',
  'import.completed',
  'workspace.updated',
  'member.updated',
  'invitation.created',
  'invitation.revoked',
  'invitation.resent',
  'invitation.accepted',
] as const;

export const AUDIT_TARGETS = [
  'partner',
  'contact',
  'tier',
  'custom_attribute',
  'saved_view',
  'import',
  'workspace',
  'membership',
  'invitation',
] as const;

export function actionLabel(action: string, t: TFunction): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`audit.action.${action}` as MessageId) : action;
}

export function targetLabel(target: string, t: TFunction): string {
  return (AUDIT_TARGETS as readonly string[]).includes(target) ? t(`audit.target.${target}` as MessageId) : target;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '∅';
  if (typeof v === 'string') return v === '' ? '""' : v;
  return JSON.stringify(v);
}

/** Before/after as one line per changed key. */
function changes(e: AuditEntry): { key: string; before: string; after: string }[] {
  const b = (e.before && typeof e.before === 'object' ? e.before : {}) as Record<string, unknown>;
  const a = (e.after && typeof e.after === 'object' ? e.after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, before: k in b ? show(b[k]) : '—', after: k in a ? show(a[k]) : '—' }));
}

/** C18: the append-only audit log as a table; each row opens to its before/after values. */
export function AuditTable({ filter, linkTargets = true }: { filter: AuditFilter; linkTargets?: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const entries = useInfiniteQuery({
    queryKey: ['audit-log', filter],
    queryFn: ({ pageParam }) =>
      api.get<Page<AuditEntry>>('/audit-log', { ...filter, limit: 50, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  if (entries.isPending) return <PageLoader />;
  if (entries.isError) return <Text c="red">{t('apiError.internal')}</Text>;
  const items = entries.data.pages.flatMap((p) => p.data);
  if (items.length === 0) return <Text c="dimmed">{t('audit.empty')}</Text>;
  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <Stack>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={36}>
                <span className="visually-hidden">{t('audit.details')}</span>
              </Table.Th>
              <Table.Th scope="col">{t('audit.when')}</Table.Th>
              <Table.Th scope="col">{t('audit.who')}</Table.Th>
              <Table.Th scope="col">{t('audit.what')}</Table.Th>
              <Table.Th scope="col">{t('audit.target')}</Table.Th>
              <Table.Th scope="col">{t('audit.from')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => {
              const expanded = open.has(e.id);
              const diff = changes(e);
              return (
                <Fragment key={e.id}>
                  <Table.Tr>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        px={4}
                        aria-expanded={expanded}
                        aria-controls={`audit-${e.id}`}
                        aria-label={t('audit.showChanges', { action: actionLabel(e.action, t) })}
                        onClick={() => toggle(e.id)}
                      >
                        {expanded ? (
                          <IconChevronDown size={16} aria-hidden />
                        ) : (
                          <IconChevronRight size={16} aria-hidden />
                        )}
                      </Button>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <time dateTime={e.occurredAt}>{fmt.dateTime(e.occurredAt)}</time>
                    </Table.Td>
                    <Table.Td>{e.actor?.name ?? t('audit.system')}</Table.Td>
                    <Table.Td>{actionLabel(e.action, t)}</Table.Td>
                    <Table.Td>
                      {linkTargets && e.targetType === 'partner' && e.targetId ? (
                        <AnchorLink to="/console/partners/$partnerId" params={{ partnerId: e.targetId }} size="sm">
                          {targetLabel(e.targetType, t)}
                        </AnchorLink>
                      ) : (
                        targetLabel(e.targetType, t)
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {e.ip ?? t('common.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr id={`audit-${e.id}`}>
                      <Table.Td />
                      <Table.Td colSpan={5}>
                        {diff.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            {t('audit.noChanges')}
                          </Text>
                        ) : (
                          <Stack gap={4}>
                            {diff.map((c) => (
                              <Group key={c.key} gap={6} wrap="wrap">
                                <Text size="sm" fw={600}>
                                  {c.key}:
                                </Text>
                                <Code style={{ overflowWrap: 'anywhere' }}>{c.before}</Code>
                                <Text size="sm" aria-label={t('audit.changedTo')}>
                                  →
                                </Text>
                                <Code style={{ overflowWrap: 'anywhere' }}>{c.after}</Code>
                              </Group>
                            ))}
                          </Stack>
                        )}
                        <Text size="xs" c="dimmed" mt={6}>
                          {t('audit.requestId', { id: e.requestId ?? '—' })}
                          {e.targetId ? ` · ${t('audit.targetId', { id: e.targetId })}` : ''}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {entries.hasNextPage && (
        <Button variant="default" onClick={() => entries.fetchNextPage()} loading={entries.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
