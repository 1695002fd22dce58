import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import { ApiError } from '../../api/client';
import { AnchorLink } from '../../components/ui/links';
import { useT } from '../../i18n/useT';
import { usePageTitle } from './usePageTitle';

export function NotFoundPage() {
  const t = useT();
  usePageTitle(t('error.notFound.title'));
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={420}>
        <Title order={1}>{t('error.notFound.title')}</Title>
        <Text ta="center">{t('error.notFound.body')}</Text>
        <AnchorLink to="/">{t('error.goHome')}</AnchorLink>
      </Stack>
    </Center>
  );
}

export function RootErrorPage({ error }: { error: unknown }) {
  const t = useT();
  const router = useRouter();
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={460} role="alert">
        <Title order={1}>{t('error.generic.title')}</Title>
        <Text ta="center">{t('error.generic.body')}</Text>
        {requestId && (
          <Text size="sm" c="dimmed">
            {t('error.requestId', { id: requestId })}
          </Text>
        )}
        <Button onClick={() => router.invalidate()}>{t('common.retry')}</Button>
      </Stack>
    </Center>
  );
}
