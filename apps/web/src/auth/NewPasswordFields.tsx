import { PasswordInput, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useT } from '../i18n/useT';

export const MIN_PASSWORD = 12;

/** New password + repeat, with the rule stated up front rather than discovered by failing it. */
export function NewPasswordFields<T extends { password: string; confirm: string }>({
  form,
}: {
  form: UseFormReturnType<T>;
}) {
  const t = useT();
  return (
    <Stack gap="sm">
      <PasswordInput
        label={t('auth.newPassword')}
        description={t('auth.passwordRule', { min: MIN_PASSWORD })}
        autoComplete="new-password"
        required
        {...form.getInputProps('password')}
        // Mantine marks the inner input data-invalid only; assistive technology needs aria-invalid.
        aria-invalid={Boolean(form.errors.password)}
      />
      <PasswordInput
        label={t('auth.confirmPassword')}
        autoComplete="new-password"
        required
        {...form.getInputProps('confirm')}
        aria-invalid={Boolean(form.errors.confirm)}
      />
    </Stack>
  );
}

export function passwordRules(t: ReturnType<typeof useT>) {
  return {
    password: (v: string) => (v.length >= MIN_PASSWORD ? null : t('auth.passwordTooShort', { min: MIN_PASSWORD })),
    confirm: (v: string, values: { password: string }) => (v === values.password ? null : t('auth.passwordMismatch')),
  };
}
