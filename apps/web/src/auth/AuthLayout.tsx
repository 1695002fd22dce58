import { Anchor, Box, Center, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import type { Locale } from '@trellis/contracts';
import type { ReactNode } from 'react';
import { BrandMark } from '../components/ui/BrandMark';
import { usePageTitle } from '../components/ui/usePageTitle';
import { useI18n } from '../i18n/I18nProvider';
import { isLocale, LOCALE_NAMES, LOCALES } from '../i18n/locales';
import { useT } from '../i18n/useT';

/** The frame around sign-in, invitation and reset screens: brand, a language choice, one card. */
export function AuthLayout({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  const t = useT();
  usePageTitle(title);
  return (
    <Box mih="100vh" bg="gray.0" py={{ base: 'md', sm: 48 }} px="md">
      <Center>
        <Stack w="100%" maw={420} gap="md">
          <Group justify="space-between" align="center">
            <BrandMark />
            <LanguagePicker />
          </Group>
          <Paper component="main" withBorder shadow="sm" radius="md" p={{ base: 'md', sm: 'xl' }}>
            <Title order={1} size="h2" mb="md">
              {title}
            </Title>
            {children}
          </Paper>
          {footer && (
            <Text size="sm" ta="center">
              {footer}
            </Text>
          )}
          <Text size="xs" c="dimmed" ta="center">
            {t('auth.tagline')}{' '}
            <Anchor href="/api/docs" size="xs" underline="always">
              {t('auth.apiDocs')}
            </Anchor>
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}

/** Language choice before sign-in; it is kept in this browser and used until the profile says otherwise. */
export function LanguagePicker() {
  const t = useT();
  const { locale, setLocale } = useI18n();
  return (
    <Select
      aria-label={t('common.language')}
      size="xs"
      w={150}
      allowDeselect={false}
      value={locale}
      data={LOCALES.map((l: Locale) => ({ value: l, label: LOCALE_NAMES[l] }))}
      onChange={(v) => {
        if (isLocale(v)) setLocale(v);
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
