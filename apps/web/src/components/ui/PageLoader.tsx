import { Center, Loader } from '@mantine/core';
import { useIntl } from 'react-intl';

export function PageLoader() {
  const intl = useIntl();
  return (
    <Center mih={200} role="status" aria-live="polite">
      <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />
    </Center>
  );
}
