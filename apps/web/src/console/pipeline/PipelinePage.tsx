import { Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useCan } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { usePageTitle } from '../../components/ui/usePageTitle';
import type { PipelineFilter } from '../../features/pipeline/api';
import { ForecastView } from '../../features/pipeline/ForecastView';
import { PipelineDeals } from '../../features/pipeline/PipelineDeals';
import { useT } from '../../i18n/useT';

type Tab = 'board' | 'list' | 'forecast';

/** C6 in the console: every partner's approved deals as a board or a list, and the forecast. */
export function PipelinePage() {
  const t = useT();
  const can = useCan();
  usePageTitle(t('pipeline.title'));
  const [tab, setTab] = useState<Tab>('board');
  // One filter for the board and the list, so switching tabs keeps what was chosen.
  const [filter, setFilter] = useState<PipelineFilter>({});
  if (!can('pipeline.read')) return <NotAllowed />;
  return (
    <Stack gap="md">
      <Title order={1}>{t('pipeline.title')}</Title>
      <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'board')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="board">{t('pipeline.view.board')}</Tabs.Tab>
          <Tabs.Tab value="list">{t('pipeline.view.list')}</Tabs.Tab>
          {can('pipeline.forecast') && <Tabs.Tab value="forecast">{t('pipeline.view.forecast')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="board" pt="md">
          <PipelineDeals vendor view="board" filter={filter} onFilterChange={setFilter} />
        </Tabs.Panel>
        <Tabs.Panel value="list" pt="md">
          <PipelineDeals vendor view="list" filter={filter} onFilterChange={setFilter} />
        </Tabs.Panel>
        {can('pipeline.forecast') && (
          <Tabs.Panel value="forecast" pt="md">
            <ForecastView canManageRates={can('fx.manage')} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
