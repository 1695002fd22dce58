import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { Me } from '@trellis/contracts';
import { useState } from 'react';
import { api } from '../api/client';
import { homeFor, setMe } from '../api/session';
import { AnchorLink } from '../components/ui/links';
import { errorText, fieldErrors, focusFirstInvalid } from '../features/forms/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useT } from '../i18n/useT';
import { AuthLayout } from './AuthLayout';

const route = getRouteApi('/sign-in');
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function SignInPage() {
  const t = useT();
  const { locale, setLocale } = useI18n();
  const { next } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (EMAIL.test(v.trim()) ? null : t('auth.emailInvalid')),
      password: (v) => (v ? null : t('fieldError.required')),
    },
  });

  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const { me } = await api.post<{ me: Me }>('/auth/sign-in', {
          email: values.email.trim(),
          password: values.password,
        });
        queryClient.clear();
        setMe(queryClient, me);
        if (me.user.locale && me.user.locale !== locale) setLocale(me.user.locale);
        await navigate({ to: next ?? homeFor(me) });
      } catch (err) {
        form.setErrors(fieldErrors(err, t, locale));
        setFormError(errorText(err, t, locale));
      }
    },
    () => focusFirstInvalid(),
  );

  return (
    <AuthLayout title={t('auth.signIn.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {formError && (
            <Alert color="red" role="alert" title={t('auth.signIn.failed')}>
              {formError}
            </Alert>
          )}
          <TextInput
            label={t('common.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('common.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
            aria-invalid={Boolean(form.errors.password)}
          />
          <Button type="submit" loading={form.submitting} fullWidth>
            {t('auth.signIn.submit')}
          </Button>
          <AnchorLink to="/forgot-password" size="sm" ta="center">
            {t('auth.forgot.link')}
          </AnchorLink>
        </Stack>
      </form>
    </AuthLayout>
  );
}
