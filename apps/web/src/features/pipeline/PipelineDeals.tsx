import { Alert, Button, Group, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import type { PipelineDeal, PipelineMoveRequest, PipelineStage } from '@trellis/contracts';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { PageLoader } from '../../components/ui/PageLoader';
import { useIsMobile } from '../../components/ui/useIsMobile';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { currencyCodes } from '../deals/api';
import { ReasonModal } from '../deals/ReasonModal';
import { errorText } from '../forms/errors';
import { type PipelineFilter, useMoveDeal, usePipelineDeals, useStages } from './api';
import { PipelineBoard } from './PipelineBoard';
import { PipelineList } from './PipelineList';

export type PipelineView = 'board' | 'list';

/**
 * The deals of the pipeline as a board or a list, with filters (partner for vendor staff, stage, currency,
 * expected close period) — shared by the console (all partners) and the portal (the partner's own).
 */
export function PipelineDeals({
  vendor,
  view: fixedView,
  filter: sharedFilter,
  onFilterChange,
}: {
  vendor: boolean;
  view?: PipelineView;
  /** A filter the page keeps (the console's board and list tabs share one); otherwise this view keeps its own. */
  filter?: PipelineFilter;
  onFilterChange?: (filter: PipelineFilter) => void;
}) {
  const t = useT();
  const { locale } = useI18n();
  const mobile = useIsMobile();
  const [chosenView, setView] = useState<PipelineView>('board');
  // The console's tabs choose the view; the portal shows its own switch.
  const view = fixedView ?? chosenView;
  const [ownFilter, setOwnFilter] = useState<PipelineFilter>({});
  const filter = sharedFilter ?? ownFilter;
  const setFilter = (next: PipelineFilter | ((old: PipelineFilter) => PipelineFilter)) => {
    const value = typeof next === 'function' ? next(filter) : next;
    if (onFilterChange) onFilterChange(value);
    else setOwnFilter(value);
  };
  const stages = useStages();
  const deals = usePipelineDeals(filter);
  const move = useMoveDeal();
  const [movingId, setMovingId] = useState<string | null>(null);
  const partners = useQuery({
    queryKey: ['partners', 'pipeline-filter'],
    queryFn: () =>
      api.get<{ data: { id: string; displayName: string }[] }>('/partners', { limit: 200 }).then((r) => r.data),
    enabled: vendor,
  });
  const currencies = useMemo(() => currencyCodes(), []);
  const set = (patch: PipelineFilter) => setFilter((old) => ({ ...old, ...patch }));

  /** A move into a won or lost stage waits here for its reason; the move then records the outcome. */
  const [closing, setClosing] = useState<{ deal: PipelineDeal; stage: PipelineStage } | null>(null);
  const [closeError, setCloseError] = useState<string | null>(null);

  const send = (deal: PipelineDeal, stage: PipelineStage | undefined, body: PipelineMoveRequest) => {
    setMovingId(deal.id);
    move.mutate(
      { id: deal.id, ...body },
      {
        onSuccess: () => {
          setClosing(null);
          notifications.show({
            closeButtonProps: { 'aria-label': t('pipeline.notice.close') },
            color: 'green',
            message: t('pipeline.move.done', { customer: deal.customer.name, stage: stage?.name ?? '' }),
          });
        },
        onError: (err) => {
          const text = errorText(err, t, locale);
          if (stage && stage.kind !== 'open') setCloseError(text);
          else
            notifications.show({
              closeButtonProps: { 'aria-label': t('pipeline.notice.close') },
              color: 'red',
              message: text,
            });
        },
        onSettled: () => setMovingId(null),
      },
    );
  };
  const onMove = (deal: PipelineDeal, stageId: string) => {
    const target = stages.data?.find((s) => s.id === stageId);
    if (target && target.kind !== 'open') {
      setCloseError(null);
      setClosing({ deal, stage: target });
      return;
    }
    send(deal, target, { stageId });
  };

  if (stages.isError || deals.isError)
    return <Alert color="red">{errorText(stages.error ?? deals.error, t, locale)}</Alert>;
  const filtered = Object.values(filter).some(Boolean);
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" wrap="wrap">
        {!fixedView && (
          <SegmentedControl
            aria-label={t('pipeline.view.label')}
            value={view}
            onChange={(v) => setView(v as PipelineView)}
            data={[
              { value: 'board', label: t('pipeline.view.board') },
              { value: 'list', label: t('pipeline.view.list') },
            ]}
          />
        )}
        {vendor && (
          <Select
            label={t('pipeline.filter.partner')}
            data={(partners.data ?? []).map((p) => ({ value: p.id, label: p.displayName }))}
            value={filter.partnerId ?? null}
            onChange={(v) => set({ partnerId: v ?? undefined })}
            searchable
            clearable
            w={mobile ? '100%' : 220}
          />
        )}
        {view === 'list' && (
          <Select
            label={t('pipeline.filter.stage')}
            data={(stages.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={filter.stageId ?? null}
            onChange={(v) => set({ stageId: v ?? undefined })}
            clearable
            w={mobile ? '100%' : 180}
          />
        )}
        <Select
          label={t('pipeline.filter.currency')}
          data={currencies}
          value={filter.currency ?? null}
          onChange={(v) => set({ currency: v ?? undefined })}
          searchable
          clearable
          w={mobile ? '100%' : 120}
        />
        <TextInput
          type="date"
          label={t('pipeline.filter.closeFrom')}
          value={filter.closeFrom ?? ''}
          onChange={(e) => set({ closeFrom: e.currentTarget.value || undefined })}
          w={mobile ? '47%' : 160}
        />
        <TextInput
          type="date"
          label={t('pipeline.filter.closeTo')}
          value={filter.closeTo ?? ''}
          onChange={(e) => set({ closeTo: e.currentTarget.value || undefined })}
          w={mobile ? '47%' : 160}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setFilter({})}>
            {t('common.clear')}
          </Button>
        )}
      </Group>
      {!stages.data || !deals.data ? (
        <PageLoader />
      ) : (
        <>
          <span className="visually-hidden" aria-live="polite">
            {t('pipeline.count', { count: deals.data.length })}
          </span>
          {deals.data.length === 0 && (
            <Alert color="gray">{filtered ? t('common.noResults') : t('pipeline.empty')}</Alert>
          )}
          {view === 'board' ? (
            <PipelineBoard
              stages={stages.data}
              deals={deals.data}
              onMove={onMove}
              movingId={movingId}
              showPartner={vendor}
              stacked={mobile}
            />
          ) : (
            <PipelineList
              stages={stages.data}
              deals={deals.data}
              onMove={onMove}
              movingId={movingId}
              showPartner={vendor}
            />
          )}
          {deals.data.length > 0 && (
            <Alert color="gray" variant="transparent" p={0}>
              {t('pipeline.outcomeHint')}
            </Alert>
          )}
          {closing && (
            // A move into a won or lost stage closes the registration, so it asks what the outcome routes ask:
            // a lost stage the lost reason code; vendor staff closing as won a reason (as on the registration).
            <ReasonModal
              key={`${closing.deal.id}:${closing.stage.id}`}
              opened
              title={t(closing.stage.kind === 'lost' ? 'pipeline.close.lostTitle' : 'pipeline.close.wonTitle', {
                customer: closing.deal.customer.name,
                stage: closing.stage.name,
              })}
              confirmLabel={t(closing.stage.kind === 'lost' ? 'pipeline.close.lost' : 'pipeline.close.won')}
              color={closing.stage.kind === 'lost' ? 'red' : 'green'}
              required={vendor && closing.stage.kind === 'won'}
              askLostReason={closing.stage.kind === 'lost'}
              busy={move.isPending}
              error={closeError}
              onClose={() => setClosing(null)}
              onConfirm={(reason, reasonCode) =>
                send(closing.deal, closing.stage, {
                  stageId: closing.stage.id,
                  ...(reasonCode ? { reasonCode } : {}),
                  ...(reason ? { reason } : {}),
                })
              }
            />
          )}
        </>
      )}
    </Stack>
  );
}
