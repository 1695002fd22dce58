import { Alert, Button, Center, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { Me, Role } from '@trellis/contracts';
import { useState } from 'react';
import { api } from '../api/client';
import { homeFor, meQuery, setMe } from '../api/session';
import { AnchorLink, ButtonLink } from '../components/ui/links';
import { errorText, fieldErrors, focusFirstInvalid } from '../features/forms/errors';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/locales';
import { useT } from '../i18n/useT';
import { AuthLayout } from './AuthLayout';
import { NewPasswordFields, passwordRules } from './NewPasswordFields';

const route = getRouteApi('/accept-invitation');

type Preview = {
  email: string;
  workspaceName: string;
  role: Role;
  partnerName: string | null;
  userExists: boolean;
  name: string | null;
};

export function AcceptInvitationPage() {
  const t = useT();
  const { token } = route.useSearch();
  const preview = useQuery({
    queryKey: ['invitation-lookup', token],
    queryFn: () => api.get<{ invitation: Preview }>('/invitation-lookup', { token }).then((r) => r.invitation),
    enabled: Boolean(token),
    retry: false,
  });
  const { data: me } = useQuery(meQuery);
  const footer = <AnchorLink to="/sign-in">{t('auth.backToSignIn')}</AnchorLink>;

  if (!token || preview.isError) {
    return (
      <AuthLayout title={t('auth.invite.title')} footer={footer}>
        <Alert color="red" role="alert" title={t('auth.invite.invalidTitle')}>
          {t('auth.invite.invalid')}
        </Alert>
      </AuthLayout>
    );
  }
  if (!preview.data) {
    return (
      <AuthLayout title={t('auth.invite.title')}>
        <Center py="lg">
          <Loader aria-label={t('common.loading')} />
        </Center>
      </AuthLayout>
    );
  }
  const inv = preview.data;
  return (
    <AuthLayout title={t('auth.invite.title')} footer={footer}>
      <Stack>
        <Text>
          {inv.partnerName
            ? t('auth.invite.introPartner', {
                workspace: inv.workspaceName,
                partner: inv.partnerName,
                role: t(`role.${inv.role}` as MessageId),
              })
            : t('auth.invite.intro', { workspace: inv.workspaceName, role: t(`role.${inv.role}` as MessageId) })}
        </Text>
        {inv.userExists ? (
          <ExistingAccount token={token} invitation={inv} me={me ?? null} />
        ) : (
          <NewAccountForm token={token} invitation={inv} />
        )}
      </Stack>
    </AuthLayout>
  );
}

function useFinish() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { setLocale } = useI18n();
  return async (me: Me) => {
    queryClient.clear();
    setMe(queryClient, me);
    if (me.user.locale) setLocale(me.user.locale);
    await navigate({ to: homeFor(me) });
  };
}

function NewAccountForm({ token, invitation }: { token: string; invitation: Preview }) {
  const t = useT();
  const { locale } = useI18n();
  const finish = useFinish();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: invitation.name ?? '', password: '', confirm: '' },
    validate: { name: (v) => (v.trim() ? null : t('fieldError.required')), ...passwordRules(t) },
  });
  const submit = form.onSubmit(
    async (values) => {
      setFormError(null);
      try {
        const { me } = await api.post<{ me: Me }>('/invitation-acceptances', {
          token,
          name: values.name.trim(),
          password: values.password,
        });
        await finish(me);
      } catch (err) {
        form.setErrors(fieldErrors(err, t, locale));
        setFormError(errorText(err, t, locale));
      }
    },
    () => focusFirstInvalid(),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput label={t('common.email')} value={invitation.email} readOnly />
        <TextInput label={t('auth.yourName')} autoComplete="name" required {...form.getInputProps('name')} />
        <NewPasswordFields form={form} />
        <Button type="submit" loading={form.submitting}>
          {t('auth.invite.accept')}
        </Button>
      </Stack>
    </form>
  );
}

function ExistingAccount({ token, invitation, me }: { token: string; invitation: Preview; me: Me | null }) {
  const t = useT();
  const { locale } = useI18n();
  const finish = useFinish();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  if (!me || me.user.email.toLowerCase() !== invitation.email.toLowerCase()) {
    const next = `/accept-invitation?token=${encodeURIComponent(token)}`;
    return (
      <Stack>
        <Text size="sm">{t('auth.invite.signInFirst', { email: invitation.email })}</Text>
        <ButtonLink to="/sign-in" search={{ next }}>
          {t('auth.signIn.submit')}
        </ButtonLink>
      </Stack>
    );
  }
  return (
    <Stack>
      {formError && (
        <Alert color="red" role="alert">
          {formError}
        </Alert>
      )}
      <Button
        loading={busy}
        onClick={async () => {
          setBusy(true);
          setFormError(null);
          try {
            const res = await api.post<{ me: Me }>('/invitation-acceptances', { token });
            await finish(res.me);
          } catch (err) {
            setFormError(errorText(err, t, locale));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('auth.invite.join', { workspace: invitation.workspaceName })}
      </Button>
    </Stack>
  );
}
