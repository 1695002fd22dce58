import { Alert, Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError, api } from '../api/client';
import { AnchorLink, ButtonLink } from '../components/ui/links';
import { errorText, fieldErrors, focusFirstInvalid } from '../features/forms/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';
import { AuthLayout } from './AuthLayout';
import { NewPasswordFields, passwordRules } from './NewPasswordFields';

const route = getRouteApi('/reset-password');

export function ResetPasswordPage() {
  const t = useT();
  const { locale } = useI18n();
  const { token } = route.useSearch();
  const [done, setDone] = useState(false);
  const [formError, setFormError] = useState<{ text: string; expired: boolean } | null>(null);
  const form = useForm({ initialValues: { password: '', confirm: '' }, validate: passwordRules(t) });
  const submit = form.onSubmit(
    async ({ password }) => {
      setFormError(null);
      try {
        await api.post('/auth/password-reset/confirm', { token, password });
        setDone(true);
      } catch (err) {
        form.setErrors(fieldErrors(err, t, locale));
        const expired = err instanceof ApiError && err.code === 'invalid_token';
        setFormError({ text: expired ? t('apiError.invalid_token') : errorText(err, t, locale), expired });
      }
    },
    () => focusFirstInvalid(),
  );
  const footer = <AnchorLink to="/sign-in">{t('auth.backToSignIn')}</AnchorLink>;
  if (!token) {
    return (
      <AuthLayout title={t('auth.reset.title')} footer={footer}>
        <Alert color="red" role="alert">
          {t('auth.reset.noToken')} <AnchorLink to="/forgot-password">{t('auth.reset.askAgain')}</AnchorLink>
        </Alert>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('auth.reset.title')} footer={footer}>
      {done ? (
        <Stack>
          <Alert color="teal" role="status">
            {t('auth.reset.done')}
          </Alert>
          <ButtonLink to="/sign-in">{t('auth.signIn.submit')}</ButtonLink>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {formError && (
              <Alert color="red" role="alert">
                {formError.text}{' '}
                {formError.expired && <AnchorLink to="/forgot-password">{t('auth.reset.askAgain')}</AnchorLink>}
              </Alert>
            )}
            <NewPasswordFields form={form} />
            <Button type="submit" loading={form.submitting}>
              {t('auth.reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
