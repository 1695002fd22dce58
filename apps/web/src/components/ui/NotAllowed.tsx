import { Alert, Title } from '@mantine/core';
import { useT } from '../../i18n/useT';
import { usePageTitle } from './usePageTitle';

/** Shown when someone opens, by URL, a page their role does not include. */
export function NotAllowed() {
  const t = useT();
  usePageTitle(t('error.notAllowed.title'));
  return (
    <>
      <Title order={1} mb="md">
        {t('error.notAllowed.title')}
      </Title>
      <Alert color="orange">{t('error.notAllowed.body')}</Alert>
    </>
  );
}
