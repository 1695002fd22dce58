import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { api } from '../api/client';
import { AnchorLink } from '../components/ui/links';
import { errorText, fieldErrors, focusFirstInvalid } from '../features/forms/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';
import { AuthLayout } from './AuthLayout';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function ForgotPasswordPage() {
  const t = useT();
  const { locale } = useI18n();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (EMAIL.test(v.trim()) ? null : t('auth.emailInvalid')) },
  });
  const submit = form.onSubmit(
    async ({ email }) => {
      setFormError(null);
      try {
        await api.post('/auth/password-reset/request', { email: email.trim() });
        setSentTo(email.trim());
      } catch (err) {
        form.setErrors(fieldErrors(err, t, locale));
        setFormError(errorText(err, t, locale));
      }
    },
    () => focusFirstInvalid(),
  );
  return (
    <AuthLayout title={t('auth.forgot.title')} footer={<AnchorLink to="/sign-in">{t('auth.backToSignIn')}</AnchorLink>}>
      {sentTo ? (
        <Alert color="teal" role="status" title={t('auth.forgot.sentTitle')}>
          {t('auth.forgot.sent', { email: sentTo })}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">{t('auth.forgot.intro')}</Text>
            {formError && (
              <Alert color="red" role="alert">
                {formError}
              </Alert>
            )}
            <TextInput
              label={t('common.email')}
              type="email"
              autoComplete="email"
              required
              autoFocus
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={form.submitting}>
              {t('auth.forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
