import { Alert, Stack, Title } from '@mantine/core';
import { ApiError } from '../../api/client';
import { AnchorLink } from '../../components/ui/links';
import { errorText } from '../../features/forms/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';

/** A partner id that does not exist here (or is out of scope, which the API also answers as 404). */
export function PartnerMissing({ error }: { error: unknown }) {
  const t = useT();
  const { locale } = useI18n();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Stack>
      <Title order={1}>{notFound ? t('partners.missing.title') : t('error.generic.title')}</Title>
      <Alert color={notFound ? 'gray' : 'red'} role="alert">
        {notFound ? t('partners.missing.body') : errorText(error, t, locale)}
      </Alert>
      <AnchorLink to="/console/partners">{t('partners.missing.back')}</AnchorLink>
    </Stack>
  );
}
