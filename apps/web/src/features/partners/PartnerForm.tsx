import {
  Alert,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import {
  type CustomAttributeDefinition,
  type PartnerCreate,
  PartnerCreateSchema,
  type PartnerDetail,
  type PartnerProfileField,
  PartnerTypeValues,
  type PartnerUpdate,
  PartnerUpdateSchema,
  SizeBandValues,
} from '@trellis/contracts';
import { useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { useCan } from '../../api/session';
import { countryOptions } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { errorText, focusFirstInvalid, issueText } from '../forms/errors';
import { toIssues } from '../forms/zodIssues';
import { attributeKeys, listAttributes, listOwners, listPartners, listTiers, memberKeys, tierKeys } from './api';
import { typeKey } from './labels';

type Address = { line1: string; line2: string; city: string; state: string; postalCode: string };
export type PartnerFormValues = {
  legalName: string;
  displayName: string;
  type: string | null;
  status: string;
  website: string;
  phone: string;
  country: string | null;
  region: string;
  address: Address;
  sizeBand: string | null;
  industries: string[];
  capabilities: string[];
  territories: string[];
  logoUrl: string;
  tierId: string | null;
  ownerUserId: string | null;
  parentPartnerId: string | null;
  tags: string[];
  customAttributes: Record<string, string>;
};

type Field = keyof Omit<PartnerFormValues, 'customAttributes'>;

const ARRAY_FIELDS = new Set(['industries', 'capabilities', 'territories', 'tags']);

function valuesFrom(p: PartnerDetail | null): PartnerFormValues {
  return {
    legalName: p?.legalName ?? '',
    displayName: p?.displayName ?? '',
    type: p?.type ?? null,
    status: 'onboarding',
    website: p?.website ?? '',
    phone: p?.phone ?? '',
    country: p?.country ?? null,
    region: p?.region ?? '',
    address: {
      line1: p?.address.line1 ?? '',
      line2: p?.address.line2 ?? '',
      city: p?.address.city ?? '',
      state: p?.address.state ?? '',
      postalCode: p?.address.postalCode ?? '',
    },
    sizeBand: p?.sizeBand ?? null,
    industries: p?.industries ?? [],
    capabilities: p?.capabilities ?? [],
    territories: p?.territories ?? [],
    logoUrl: p?.logoUrl ?? '',
    tierId: p?.tier?.id ?? null,
    ownerUserId: p?.owner?.id ?? null,
    parentPartnerId: p?.parent?.id ?? null,
    tags: p?.tags ?? [],
    customAttributes: Object.fromEntries(
      Object.entries(p?.customAttributes ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]),
    ),
  };
}

const nullable = (s: string) => (s.trim() === '' ? null : s.trim());

function addressOf(a: Address): Record<string, string> {
  return Object.fromEntries(
    Object.entries(a)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v !== ''),
  );
}

function attributeValue(def: CustomAttributeDefinition | undefined, raw: string): string | number | null {
  if (raw.trim() === '') return null;
  if (def?.type === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  return raw.trim();
}

/** Every field in request shape; which ones are sent is decided by the caller (create: all, edit: changed). */
function requestFields(v: PartnerFormValues, defs: CustomAttributeDefinition[]): Record<string, unknown> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  return {
    legalName: v.legalName.trim(),
    displayName: v.displayName.trim(),
    type: v.type,
    website: nullable(v.website),
    phone: nullable(v.phone),
    country: v.country,
    region: nullable(v.region),
    address: addressOf(v.address),
    sizeBand: v.sizeBand,
    industries: v.industries,
    capabilities: v.capabilities,
    territories: v.territories,
    logoUrl: nullable(v.logoUrl),
    tierId: v.tierId,
    ownerUserId: v.ownerUserId,
    parentPartnerId: v.parentPartnerId,
    tags: v.tags,
    customAttributes: Object.fromEntries(
      Object.entries(v.customAttributes).map(([k, raw]) => [k, attributeValue(byKey.get(k), raw)]),
    ),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export type PartnerFormProps = {
  /** The partner being edited; null to create one. */
  partner: PartnerDetail | null;
  /** Profile fields this person may change; `all` for vendor staff with partner.update. */
  editable: 'all' | readonly PartnerProfileField[];
  /** Only these custom attributes are offered (the portal offers those marked partnerEditable). */
  attributeFilter?: (d: CustomAttributeDefinition) => boolean;
  submitLabel: string;
  onSubmit: (body: PartnerCreate | PartnerUpdate) => Promise<unknown>;
  onCancel?: () => void;
};

/**
 * Create and edit a partner. Validates with the API's own schemas before sending, then shows the API's
 * field-level errors next to the fields they name.
 */
export function PartnerForm({ partner, editable, attributeFilter, submitLabel, onSubmit, onCancel }: PartnerFormProps) {
  const t = useT();
  const { locale } = useI18n();
  const can = useCan();
  const creating = partner === null;
  const all = editable === 'all';
  const allowed = (f: Field | 'customAttributes'): boolean => {
    if (all) return true;
    return (editable as readonly string[]).includes(f);
  };
  const [formError, setFormError] = useState<{ text: string; extra: string[] } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const initial = useMemo(() => valuesFrom(partner), [partner]);
  const form = useForm<PartnerFormValues>({ initialValues: initial });

  const attributes = useQuery({ queryKey: attributeKeys.all, queryFn: listAttributes, enabled: can('attribute.read') });
  const defs = (attributes.data ?? []).filter((d) => (attributeFilter ? attributeFilter(d) : true));
  const tiers = useQuery({ queryKey: tierKeys.all, queryFn: listTiers, enabled: all && can('tier.read') });
  const owners = useQuery({
    queryKey: [...memberKeys.all, 'owners'],
    queryFn: listOwners,
    enabled: all && can('member.read'),
  });
  const countries = useMemo(() => countryOptions(locale), [locale]);

  const rendered = new Set<string>();
  const field = (name: string) => {
    rendered.add(name);
    return form.getInputProps(name);
  };

  const buildBody = (v: PartnerFormValues): Record<string, unknown> => {
    const full = requestFields(v, defs);
    if (creating) {
      const body: Record<string, unknown> = { ...full, status: v.status };
      for (const [k, val] of Object.entries(body)) {
        if (val === null || val === '' || (Array.isArray(val) && val.length === 0)) delete body[k];
      }
      if (Object.keys(full.address as object).length === 0) delete body.address;
      const attrs = Object.fromEntries(
        Object.entries(full.customAttributes as Record<string, unknown>).filter(([, x]) => x !== null),
      );
      if (Object.keys(attrs).length > 0) body.customAttributes = attrs;
      else delete body.customAttributes;
      if (!body.displayName) delete body.displayName;
      return body;
    }
    const before = requestFields(initial, defs);
    const patch: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(full)) {
      if (k === 'customAttributes') continue;
      if (!allowed(k as Field)) continue;
      if (!same(val, before[k])) patch[k] = val;
    }
    const changedAttrs = Object.fromEntries(
      Object.entries(full.customAttributes as Record<string, unknown>).filter(
        ([k, x]) => !same(x, (before.customAttributes as Record<string, unknown>)[k] ?? null),
      ),
    );
    if (Object.keys(changedAttrs).length > 0) patch.customAttributes = changedAttrs;
    return patch;
  };

  const showIssues = (issues: { path: string; code: string; message: string }[], fallback: string) => {
    const errors: Record<string, string> = {};
    const extra: string[] = [];
    for (const issue of issues) {
      let key = issue.path.replace(/^body\./, '');
      const head = key.split('.')[0] ?? key;
      if (ARRAY_FIELDS.has(head)) key = head;
      const text = issueText(issue, t, locale);
      if (rendered.has(key)) {
        if (!(key in errors)) errors[key] = text;
      } else extra.push(`${key}: ${text}`);
    }
    form.setErrors(errors);
    setFormError({ text: fallback, extra });
    focusFirstInvalid(formRef.current);
  };

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const body = buildBody(values);
    if (!creating && Object.keys(body).length === 0) {
      setFormError({ text: t('partnerForm.nothingChanged'), extra: [] });
      return;
    }
    const parsed = creating ? PartnerCreateSchema.safeParse(body) : PartnerUpdateSchema.safeParse(body);
    if (!parsed.success) {
      showIssues(toIssues(parsed.error.issues), t('apiError.validation_failed'));
      return;
    }
    try {
      await onSubmit(parsed.data);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) showIssues(err.issues, errorText(err, t, locale));
      else setFormError({ text: errorText(err, t, locale), extra: [] });
    }
  });

  const typeOptions = PartnerTypeValues.map((v) => ({ value: v, label: t(typeKey(v)) }));
  const sizeOptions = SizeBandValues.map((v) => ({ value: v, label: t('partnerForm.sizeBandOption', { band: v }) }));

  return (
    <form onSubmit={submit} noValidate ref={formRef}>
      <Stack gap="lg">
        {formError && (
          <Alert color="red" role="alert" title={t('partnerForm.notSaved')}>
            <Text size="sm">{formError.text}</Text>
            {formError.extra.length > 0 && (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {formError.extra.map((e) => (
                  <li key={e}>
                    <Text size="sm">{e}</Text>
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}

        {(all || allowed('displayName')) && (
          <Fieldset legend={t('partnerForm.identity')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {all && (
                <TextInput
                  label={t('partner.legalName')}
                  required
                  autoComplete="organization"
                  {...field('legalName')}
                />
              )}
              {allowed('displayName') && (
                <TextInput
                  label={t('partner.displayName')}
                  description={creating ? t('partnerForm.displayNameHint') : undefined}
                  {...field('displayName')}
                />
              )}
              {all && <Select label={t('partner.type')} required data={typeOptions} searchable {...field('type')} />}
              {creating && (
                <Select
                  label={t('partner.status')}
                  data={(['applicant', 'onboarding', 'active'] as const).map((s) => ({
                    value: s,
                    label: t(`partnerStatus.${s}`),
                  }))}
                  allowDeselect={false}
                  {...field('status')}
                />
              )}
            </SimpleGrid>
          </Fieldset>
        )}

        {(all || allowed('website') || allowed('phone') || allowed('region') || allowed('address')) && (
          <Fieldset legend={t('partnerForm.contactLocation')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {allowed('website') && (
                <TextInput
                  label={t('partner.website')}
                  type="url"
                  placeholder="https://example.com"
                  autoComplete="url"
                  {...field('website')}
                />
              )}
              {allowed('phone') && (
                <TextInput
                  label={t('partner.phone')}
                  type="tel"
                  placeholder="+84 28 3822 1234"
                  autoComplete="tel"
                  {...field('phone')}
                />
              )}
              {all && (
                <Select
                  label={t('partner.country')}
                  required
                  searchable
                  data={countries}
                  autoComplete="off"
                  {...field('country')}
                />
              )}
              {allowed('region') && <TextInput label={t('partner.region')} {...field('region')} />}
            </SimpleGrid>
            {allowed('address') && (
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
                <TextInput label={t('address.line1')} autoComplete="address-line1" {...field('address.line1')} />
                <TextInput label={t('address.line2')} autoComplete="address-line2" {...field('address.line2')} />
                <TextInput label={t('address.city')} autoComplete="address-level2" {...field('address.city')} />
                <TextInput label={t('address.state')} autoComplete="address-level1" {...field('address.state')} />
                <TextInput
                  label={t('address.postalCode')}
                  autoComplete="postal-code"
                  {...field('address.postalCode')}
                />
              </SimpleGrid>
            )}
          </Fieldset>
        )}

        {(allowed('sizeBand') || allowed('industries') || allowed('capabilities') || allowed('logoUrl') || all) && (
          <Fieldset legend={t('partnerForm.profile')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {allowed('sizeBand') && (
                <Select label={t('partner.sizeBand')} data={sizeOptions} clearable {...field('sizeBand')} />
              )}
              {allowed('industries') && (
                <TagsInput
                  label={t('partner.industries')}
                  description={t('partnerForm.tagsHint')}
                  {...field('industries')}
                />
              )}
              {allowed('capabilities') && (
                <TagsInput
                  label={t('partner.capabilities')}
                  description={t('partnerForm.tagsHint')}
                  {...field('capabilities')}
                />
              )}
              {all && (
                <TagsInput
                  label={t('partner.territories')}
                  description={t('partnerForm.tagsHint')}
                  {...field('territories')}
                />
              )}
              {allowed('logoUrl') && (
                <TextInput label={t('partner.logoUrl')} type="url" placeholder="https://" {...field('logoUrl')} />
              )}
            </SimpleGrid>
          </Fieldset>
        )}

        {all && (
          <Fieldset legend={t('partnerForm.program')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {can('tier.read') && (
                <Select
                  label={t('partner.tier')}
                  data={(tiers.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                  clearable
                  placeholder={t('tier.none')}
                  {...field('tierId')}
                />
              )}
              {can('member.read') && (
                <Select
                  label={t('partner.owner')}
                  data={(owners.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
                  clearable
                  searchable
                  placeholder={t('partner.noOwner')}
                  {...field('ownerUserId')}
                />
              )}
              <ParentSelect
                label={t('partner.parent')}
                current={partner?.parent ?? null}
                excludeId={partner?.id}
                {...field('parentPartnerId')}
              />
              <TagsInput label={t('partner.tags')} description={t('partnerForm.tagsHint')} {...field('tags')} />
            </SimpleGrid>
          </Fieldset>
        )}

        {defs.length > 0 && (
          <Fieldset legend={t('partnerForm.customAttributes')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {defs.map((d) => {
                const name = `customAttributes.${d.key}`;
                const props = field(name);
                const common = { label: d.label, required: d.required };
                if (d.type === 'select') {
                  return (
                    <Select
                      key={d.key}
                      {...common}
                      {...props}
                      value={props.value || null}
                      onChange={(v) => form.setFieldValue(name, v ?? '')}
                      data={d.options}
                      clearable={!d.required}
                    />
                  );
                }
                if (d.type === 'number') {
                  return (
                    <NumberInput
                      key={d.key}
                      {...common}
                      {...props}
                      value={props.value === '' ? '' : Number(props.value)}
                      onChange={(v) => form.setFieldValue(name, v === '' ? '' : String(v))}
                      decimalSeparator={locale === 'en' || locale === 'zh-Hant' ? '.' : ','}
                    />
                  );
                }
                return <TextInput key={d.key} {...common} {...props} type={d.type === 'date' ? 'date' : 'text'} />;
              })}
            </SimpleGrid>
          </Fieldset>
        )}

        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Parent partner, found by typing (a workspace may have thousands). */
function ParentSelect({
  label,
  current,
  excludeId,
  value,
  onChange,
  error,
  ...rest
}: {
  label: string;
  current: { id: string; name: string } | null;
  excludeId?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  error?: React.ReactNode;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['partner-picker', q],
    queryFn: ({ signal }) => listPartners({ q: q || undefined, limit: 20 }, signal),
    staleTime: 30_000,
  });
  const options = new Map<string, string>();
  if (current) options.set(current.id, current.name);
  for (const p of found.data?.data ?? []) if (p.id !== excludeId) options.set(p.id, p.displayName);
  return (
    <Select
      {...rest}
      label={label}
      data={[...options].map(([v, l]) => ({ value: v, label: l }))}
      value={value ?? null}
      onChange={(v) => onChange?.(v)}
      error={error}
      searchable
      clearable
      filter={({ options: o }) => o}
      onSearchChange={setSearch}
      placeholder={t('partner.noParent')}
      nothingFoundMessage={t('common.noResults')}
    />
  );
}
