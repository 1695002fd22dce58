import { Stack, Text, Title } from '@mantine/core';
import { useCan } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { PipelineDeals } from '../../features/pipeline/PipelineDeals';
import { useT } from '../../i18n/useT';

/** C6 in the portal: the partner's own approved deals, moved through the stages (stacked on phones). */
export function PortalPipelinePage() {
  const t = useT();
  const can = useCan();
  usePageTitle(t('pipeline.mine.title'));
  if (!can('pipeline.read')) return <NotAllowed />;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('pipeline.mine.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('pipeline.mine.intro')}
      </Text>
      <PipelineDeals vendor={false} />
    </Stack>
  );
}
