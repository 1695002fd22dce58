import { Button, Text } from '@mantine/core';
import { useSignOut } from '../features/account/useSignOut';
import { useT } from '../i18n/useT';
import { AuthLayout } from './AuthLayout';

/** A signed-in person whose memberships were all deactivated or removed. */
export function NoWorkspacePage() {
  const t = useT();
  const signOut = useSignOut();
  return (
    <AuthLayout title={t('auth.noWorkspace.title')}>
      <Text mb="md">{t('auth.noWorkspace.body')}</Text>
      <Button variant="default" onClick={signOut}>
        {t('shell.signOut')}
      </Button>
    </AuthLayout>
  );
}
