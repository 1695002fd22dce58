import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Collapse,
  Fieldset,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type LeadRoutingSettings,
  PartnerTypeValues,
  type RoutingRuleIssue,
  type RoutingStrategyType,
  RoutingStrategyTypeValues,
} from '@trellis/contracts';
import { type ReactNode, useMemo, useState } from 'react';
import { ApiError, api } from '../../api/client';
import { useCan } from '../../api/session';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText, issueText } from '../../features/forms/errors';
import { leadKeys, leadPaths, useLeadRoutingSettings } from '../../features/leads/api';
import { ATTRIBUTE_LABEL, OPERATOR_LABEL, STRATEGY_LABEL } from '../../features/leads/explain';
import { PartnerPicker, PartnersPicker } from '../../features/leads/PartnerPicker';
import {
  attributeSpec,
  type ConditionDraft,
  type GroupedIssues,
  groupIssues,
  issuesUnder,
  LEAD_ATTRIBUTES,
  moveRule,
  newCondition,
  newRule,
  PARTNER_ATTRIBUTES,
  type RuleDraft,
  type RuleIssue,
  type SettingsDraft,
  type StrategyDraft,
  type Subject,
  settingsBody,
  settingsDraft,
  withAttribute,
} from '../../features/leads/ruleEditor';
import { listTiers, tierKeys } from '../../features/partners/api';
import { countryOptions } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/locales';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { PartnerRoutingProfile } from './PartnerRoutingProfile';

/** A NumberInput's value as a number (empty is 0). */
const num = (v: string | number) => (v === '' ? 0 : Number(v));

/** C5 routing rules as ordered data, the fallback queue, the SLA and what partners see. */
export function LeadRoutingSettingsPage() {
  const t = useT();
  const can = useCan();
  usePageTitle(t('leads.settings.title'));
  const settings = useLeadRoutingSettings(can('lead.settings'));
  if (!can('lead.settings')) return <NotAllowed />;
  if (!settings.data) return <PageLoader />;
  return <SettingsEditor settings={settings.data} />;
}

type Issues = { errors: GroupedIssues; warnings: GroupedIssues; list: RuleIssue[] };
const NO_ISSUES: Issues = { errors: groupIssues([]), warnings: groupIssues([]), list: [] };

function SettingsEditor({ settings }: { settings: LeadRoutingSettings }) {
  const t = useT();
  const f = useFormat();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsDraft(settings));
  const [issues, setIssues] = useState<Issues>(NO_ISSUES);
  const [formError, setFormError] = useState<string | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const setRules = (rules: RuleDraft[]) => setDraft((d) => ({ ...d, rules }));
  const updateRule = (index: number, patch: Partial<RuleDraft>) =>
    setRules(draft.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const toggleOpen = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  const save = useMutation({
    mutationFn: () =>
      api.put<{ settings: LeadRoutingSettings; warnings: RoutingRuleIssue[] }>(leadPaths.settings, settingsBody(draft)),
    onSuccess: (r) => {
      queryClient.setQueryData(leadKeys.settings, r.settings);
      setFormError(null);
      const warnings = r.warnings.map((w) => ({ ...w, severity: 'warning' as const }));
      setIssues({ errors: groupIssues([]), warnings: groupIssues(warnings), list: warnings });
      notifications.show({
        color: warnings.length ? 'yellow' : 'green',
        message: warnings.length
          ? t('leads.settings.savedWithWarnings', { count: warnings.length })
          : t('leads.settings.saved'),
      });
    },
    onError: (err) => {
      const list: RuleIssue[] =
        err instanceof ApiError
          ? err.issues.map((i) => ({ path: i.path, message: issueText(i, t, locale), severity: 'error' as const }))
          : [];
      setIssues({ errors: groupIssues(list), warnings: groupIssues([]), list });
      // Open every rule with a problem so its fields show the message.
      const withErrors = Object.keys(groupIssues(list).rules).map(Number);
      setOpen(new Set([...open, ...withErrors.flatMap((i) => (draft.rules[i] ? [draft.rules[i].id] : []))]));
      setFormError(list.length > 0 ? t('apiError.validation_failed') : errorText(err, t, locale));
    },
  });

  const otherError = (path: string) => issues.errors.other[path]?.map((i) => i.message).join(' ') || null;
  return (
    <Stack gap="md" maw={1000}>
      <Title order={1}>{t('leads.settings.title')}</Title>
      <Text c="dimmed">{t('leads.settings.intro')}</Text>
      {settings.updatedAt && (
        <Text size="xs" c="dimmed">
          {t('leads.settings.updatedAt', { date: f.dateTime(settings.updatedAt) })}
        </Text>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <Paper withBorder p="md" component="section" aria-labelledby="rules-title">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h3" id="rules-title">
                {t('leads.settings.rules')}
              </Title>
              <Button
                variant="default"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => {
                  const rule = newRule(
                    crypto.randomUUID(),
                    t('leads.settings.newRuleName', { n: draft.rules.length + 1 }),
                  );
                  setRules([...draft.rules, rule]);
                  setOpen(new Set([...open, rule.id]));
                }}
              >
                {t('leads.settings.addRule')}
              </Button>
            </Group>
            {draft.rules.length === 0 ? (
              <Alert color="gray">{t('leads.settings.noRules')}</Alert>
            ) : (
              <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {draft.rules.map((rule, index) => (
                  <li key={rule.id}>
                    <RuleCard
                      rule={rule}
                      index={index}
                      count={draft.rules.length}
                      open={open.has(rule.id)}
                      errors={issues.errors.rules[index]}
                      warnings={issues.warnings.rules[index]}
                      onToggle={() => toggleOpen(rule.id)}
                      onChange={(patch) => updateRule(index, patch)}
                      onMove={(delta) => {
                        setRules(moveRule(draft.rules, index, delta));
                        setIssues(NO_ISSUES);
                        // Keep focus on the same button of the moved rule, so moving again is one more key press.
                        window.setTimeout(() => {
                          const target = document.getElementById(`rule-${rule.id}-${delta < 0 ? 'up' : 'down'}`);
                          if (target && !(target as HTMLButtonElement).disabled) target.focus();
                          else document.getElementById(`rule-${rule.id}-${delta < 0 ? 'down' : 'up'}`)?.focus();
                        }, 0);
                      }}
                      onRemove={() => {
                        setRules(draft.rules.filter((_, i) => i !== index));
                        setIssues(NO_ISSUES);
                      }}
                    />
                  </li>
                ))}
              </Stack>
            )}
          </Paper>

          <Fieldset legend={t('leads.settings.fallback')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('leads.settings.fallbackName')}
                required
                value={draft.fallbackQueue.name}
                error={otherError('fallbackQueue.name')}
                onChange={(e) => {
                  const name = e.currentTarget.value;
                  setDraft((d) => ({ ...d, fallbackQueue: { ...d.fallbackQueue, name } }));
                }}
              />
              <TextInput
                label={t('leads.settings.fallbackId')}
                description={t('leads.settings.fallbackIdHint')}
                required
                value={draft.fallbackQueue.id}
                error={otherError('fallbackQueue.id')}
                onChange={(e) => {
                  const id = e.currentTarget.value;
                  setDraft((d) => ({ ...d, fallbackQueue: { ...d.fallbackQueue, id } }));
                }}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('leads.settings.sla')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NumberInput
                label={t('leads.settings.slaHours')}
                min={1}
                max={1440}
                allowDecimal={false}
                value={draft.sla.hours}
                error={otherError('sla.hours')}
                onChange={(v) => setDraft((d) => ({ ...d, sla: { ...d.sla, hours: Number(v) || 0 } }))}
              />
              <NumberInput
                label={t('leads.settings.reminderHours')}
                min={0}
                allowDecimal={false}
                value={draft.sla.reminderHoursBefore}
                error={otherError('sla.reminderHoursBefore')}
                onChange={(v) => setDraft((d) => ({ ...d, sla: { ...d.sla, reminderHoursBefore: Number(v) || 0 } }))}
              />
              <NumberInput
                label={t('leads.settings.maxRecalls')}
                description={t('leads.settings.maxRecallsHint')}
                min={0}
                max={100}
                allowDecimal={false}
                value={draft.sla.maxRecalls}
                error={otherError('sla.maxRecalls')}
                onChange={(v) => setDraft((d) => ({ ...d, sla: { ...d.sla, maxRecalls: Number(v) || 0 } }))}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('leads.settings.partners')}>
            <Stack gap="sm">
              <Checkbox
                label={t('leads.settings.hideContact')}
                description={t('leads.settings.hideContactHint')}
                checked={draft.hideContactUntilAccepted}
                onChange={(e) => {
                  const v = e.currentTarget.checked;
                  setDraft((d) => ({ ...d, hideContactUntilAccepted: v }));
                }}
              />
              <Checkbox
                label={t('leads.settings.preApprove')}
                description={t('leads.settings.preApproveHint')}
                checked={draft.preApproveConvertedDeals}
                onChange={(e) => {
                  const v = e.currentTarget.checked;
                  setDraft((d) => ({ ...d, preApproveConvertedDeals: v }));
                }}
              />
              <NumberInput
                label={t('leads.settings.fairnessWindow')}
                description={t('leads.settings.fairnessWindowHint')}
                min={1}
                max={365}
                allowDecimal={false}
                w={260}
                value={draft.fairnessWindowDays}
                error={otherError('fairnessWindowDays')}
                onChange={(v) => setDraft((d) => ({ ...d, fairnessWindowDays: Number(v) || 0 }))}
              />
            </Stack>
          </Fieldset>

          {formError && (
            <Alert color="red" data-testid="settings-errors" role="alert">
              <Text size="sm" fw={700}>
                {formError}
              </Text>
              <IssueList issues={issues.list} rules={draft.rules} />
            </Alert>
          )}
          {!formError && issues.list.length > 0 && (
            <Alert color="yellow" data-testid="settings-warnings">
              <Text size="sm" fw={700}>
                {t('leads.settings.warnings')}
              </Text>
              <IssueList issues={issues.list} rules={draft.rules} />
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <PartnerRoutingProfile />
    </Stack>
  );
}

/** Every issue in one list too, each named by its rule, so nothing is missed on a long page. */
function IssueList({ issues, rules }: { issues: RuleIssue[]; rules: RuleDraft[] }) {
  const t = useT();
  const grouped = groupIssues(issues);
  const items = [
    ...Object.entries(grouped.rules).flatMap(([index, fields]) =>
      Object.values(fields)
        .flat()
        .map((i) => ({
          key: `${i.path}${i.message}`,
          text: `${t('leads.settings.ruleN', { n: Number(index) + 1, name: rules[Number(index)]?.name ?? '' })}: ${i.message}`,
        })),
    ),
    ...Object.values(grouped.other)
      .flat()
      .map((i) => ({ key: `${i.path}${i.message}`, text: `${i.path}: ${i.message}` })),
  ];
  if (items.length === 0) return null;
  return (
    <List size="sm">
      {items.map((i) => (
        <List.Item key={i.key}>{i.text}</List.Item>
      ))}
    </List>
  );
}

const messages = (list: RuleIssue[]) => (list.length ? list.map((i) => i.message).join(' ') : null);

function RuleCard({
  rule,
  index,
  count,
  open,
  errors,
  warnings,
  onToggle,
  onChange,
  onMove,
  onRemove,
}: {
  rule: RuleDraft;
  index: number;
  count: number;
  open: boolean;
  errors: Record<string, RuleIssue[]> | undefined;
  warnings: Record<string, RuleIssue[]> | undefined;
  onToggle: () => void;
  onChange: (patch: Partial<RuleDraft>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const ruleLevel = [...(errors?.[''] ?? []), ...(errors?.id ?? []), ...(errors?.position ?? [])];
  const warningList = Object.values(warnings ?? {}).flat();
  const errorCount = Object.values(errors ?? {}).flat().length;
  const label = t('leads.settings.ruleN', { n: index + 1, name: rule.name });
  const bodyId = `rule-${rule.id}-body`;
  return (
    <Paper
      withBorder
      p="sm"
      bg={errorCount ? 'red.0' : rule.enabled ? undefined : 'gray.0'}
      aria-label={label}
      component="section"
      data-testid={`rule-${index}`}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Badge variant="outline" style={{ flexShrink: 0 }}>
            {index + 1}
          </Badge>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {rule.name || '—'}
          </Text>
          <Badge variant="light" color="gray" style={{ textTransform: 'none', flexShrink: 0 }}>
            {t(STRATEGY_LABEL[rule.strategy.type])}
          </Badge>
          {errorCount > 0 && (
            <Badge color="red.9" style={{ flexShrink: 0 }}>
              {t('leads.settings.errorCount', { count: errorCount })}
            </Badge>
          )}
        </Group>
        <Group gap={4} wrap="nowrap">
          <Switch
            label={t('leads.settings.enabled')}
            checked={rule.enabled}
            onChange={(e) => onChange({ enabled: e.currentTarget.checked })}
            aria-label={t('leads.settings.enableRule', { name: rule.name })}
          />
          <ActionIcon
            id={`rule-${rule.id}-up`}
            variant="default"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={t('leads.settings.moveUp', { name: rule.name })}
          >
            <IconArrowUp size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon
            id={`rule-${rule.id}-down`}
            variant="default"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={t('leads.settings.moveDown', { name: rule.name })}
          >
            <IconArrowDown size={16} aria-hidden />
          </ActionIcon>
          <Button variant="subtle" size="xs" onClick={onToggle} aria-expanded={open} aria-controls={bodyId}>
            {t(open ? 'leads.settings.collapse' : 'common.edit')}
          </Button>
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={onRemove}
            aria-label={t('leads.settings.removeRule', { name: rule.name })}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
      {ruleLevel.length > 0 && (
        <Text size="sm" c="red.8" mt={4} role="alert">
          {messages(ruleLevel)}
        </Text>
      )}
      {warningList.length > 0 && (
        <Text size="sm" c="orange.9" mt={4}>
          {messages(warningList)}
        </Text>
      )}
      <Collapse expanded={open}>
        <Stack gap="sm" mt="sm" id={bodyId}>
          <TextInput
            label={t('leads.settings.ruleName')}
            required
            value={rule.name}
            error={messages(errors?.name ?? [])}
            onChange={(e) => onChange({ name: e.currentTarget.value })}
          />
          <Fieldset legend={t('leads.settings.conditions')}>
            <Stack gap="xs">
              <Text size="xs" c="dimmed">
                {t('leads.settings.conditionsHint')}
              </Text>
              {rule.conditions.map((c, ci) => (
                <ConditionRow
                  key={c.key}
                  condition={c}
                  ruleName={rule.name}
                  n={ci + 1}
                  errors={issuesUnder(errors, `conditions.${ci}`)}
                  onChange={(next) => onChange({ conditions: rule.conditions.map((x, i) => (i === ci ? next : x)) })}
                  onRemove={() => onChange({ conditions: rule.conditions.filter((_, i) => i !== ci) })}
                />
              ))}
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => onChange({ conditions: [...rule.conditions, newCondition('lead')] })}
                >
                  {t('leads.settings.addLeadCondition')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => onChange({ conditions: [...rule.conditions, newCondition('partner')] })}
                >
                  {t('leads.settings.addPartnerCondition')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <StrategyEditor
            strategy={rule.strategy}
            errors={errors}
            onChange={(patch) => onChange({ strategy: { ...rule.strategy, ...patch } })}
          />
          <Select
            label={t('leads.settings.whenNoEligible')}
            data={[
              { value: 'next_rule', label: t('leads.settings.whenNoEligible.next_rule') },
              { value: 'fallback', label: t('leads.settings.whenNoEligible.fallback') },
            ]}
            value={rule.whenNoEligible}
            allowDeselect={false}
            error={messages(errors?.whenNoEligible ?? [])}
            onChange={(v) => onChange({ whenNoEligible: (v ?? 'next_rule') as RuleDraft['whenNoEligible'] })}
          />
        </Stack>
      </Collapse>
    </Paper>
  );
}

function ConditionRow({
  condition: c,
  ruleName,
  n,
  errors,
  onChange,
  onRemove,
}: {
  condition: ConditionDraft;
  ruleName: string;
  n: number;
  errors: RuleIssue[];
  onChange: (c: ConditionDraft) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const spec = attributeSpec(c.subject, c.attribute);
  const table = c.subject === 'lead' ? LEAD_ATTRIBUTES : PARTNER_ATTRIBUTES;
  const fieldError = (field: string) => messages(errors.filter((e) => e.path.split('.')[4] === field));
  const rowError = messages(
    errors.filter((e) => !['values', 'min', 'max', 'operator', 'attribute'].includes(e.path.split('.')[4] ?? '')),
  );
  return (
    <Paper withBorder p="xs" aria-label={t('leads.settings.conditionN', { n, rule: ruleName })} component="fieldset">
      <Group gap="xs" align="flex-start" wrap="wrap">
        <SegmentedControl
          size="xs"
          aria-label={t('leads.settings.subject')}
          value={c.subject}
          onChange={(v) =>
            onChange(
              withAttribute(
                c,
                v as Subject,
                c.attribute in (v === 'lead' ? LEAD_ATTRIBUTES : PARTNER_ATTRIBUTES) ? c.attribute : 'country',
              ),
            )
          }
          data={[
            { value: 'lead', label: t('leads.settings.subject.lead') },
            { value: 'partner', label: t('leads.settings.subject.partner') },
          ]}
        />
        <Select
          size="xs"
          label={t('leads.settings.attribute')}
          data={Object.keys(table).map((a) => ({
            value: a,
            label: t(ATTRIBUTE_LABEL[a] ?? 'leads.attribute.country'),
          }))}
          value={c.attribute}
          allowDeselect={false}
          error={fieldError('attribute')}
          onChange={(v) => v && onChange(withAttribute(c, c.subject, v))}
          w={170}
        />
        <Select
          size="xs"
          label={t('leads.settings.operator')}
          data={spec.operators.map((o) => ({ value: o, label: t(OPERATOR_LABEL[o] ?? 'leads.operator.in') }))}
          value={c.operator}
          allowDeselect={false}
          error={fieldError('operator')}
          onChange={(v) => v && onChange({ ...c, operator: v as ConditionDraft['operator'] })}
          w={190}
        />
        <ValuesEditor
          condition={c}
          error={fieldError('values') ?? fieldError('min') ?? null}
          maxError={fieldError('max')}
          onChange={onChange}
        />
        <ActionIcon
          variant="subtle"
          color="red"
          mt={22}
          onClick={onRemove}
          aria-label={t('leads.settings.removeCondition', { n })}
        >
          <IconTrash size={14} aria-hidden />
        </ActionIcon>
      </Group>
      {rowError && (
        <Text size="xs" c="red.8" mt={4}>
          {rowError}
        </Text>
      )}
    </Paper>
  );
}

function ValuesEditor({
  condition: c,
  error,
  maxError,
  onChange,
}: {
  condition: ConditionDraft;
  error: string | null;
  maxError: string | null;
  onChange: (c: ConditionDraft) => void;
}) {
  const t = useT();
  const { locale } = useI18n();
  const countries = useMemo(() => countryOptions(locale), [locale]);
  const tiers = useQuery({ queryKey: tierKeys.all, queryFn: listTiers, staleTime: 60_000 });
  if (c.operator === 'matches_lead') {
    return (
      <Text size="xs" c="dimmed" mt={26} maw={260}>
        {t('leads.settings.matchesLeadHint')}
      </Text>
    );
  }
  const spec = attributeSpec(c.subject, c.attribute);
  const label = t('leads.settings.values');
  const set = (values: string[]) => onChange({ ...c, values });
  switch (spec.kind) {
    case 'range':
      return (
        <Group gap="xs" align="flex-start">
          <NumberInput
            size="xs"
            label={t('leads.settings.min')}
            min={0}
            allowDecimal={false}
            value={c.min ?? ''}
            error={error}
            onChange={(v) => onChange({ ...c, min: v === '' ? null : Number(v) })}
            w={110}
          />
          <NumberInput
            size="xs"
            label={t('leads.settings.max')}
            min={0}
            allowDecimal={false}
            value={c.max ?? ''}
            error={maxError}
            onChange={(v) => onChange({ ...c, max: v === '' ? null : Number(v) })}
            w={110}
          />
        </Group>
      );
    case 'country':
      return (
        <MultiSelect
          size="xs"
          label={label}
          data={countries}
          searchable
          value={c.values}
          error={error}
          onChange={set}
          w={280}
        />
      );
    case 'partner':
      return <PartnersPicker label={label} value={c.values} error={error} onChange={set} w={280} />;
    case 'tier':
      return (
        <MultiSelect
          size="xs"
          label={label}
          data={(tiers.data ?? []).map((tier) => ({ value: tier.id, label: tier.name }))}
          value={c.values}
          error={error}
          onChange={set}
          w={240}
        />
      );
    case 'partnerType':
      return (
        <MultiSelect
          size="xs"
          label={label}
          data={PartnerTypeValues.map((p) => ({ value: p, label: t(`partnerType.${p}` as MessageId) }))}
          value={c.values}
          error={error}
          onChange={set}
          w={240}
        />
      );
    default:
      return (
        <TagsInput
          size="xs"
          label={label}
          description={spec.kind === 'language' ? t('leads.field.languageHint') : t('leads.field.tagsHint')}
          value={c.values}
          error={error}
          onChange={set}
          w={260}
        />
      );
  }
}

function StrategyEditor({
  strategy: s,
  errors,
  onChange,
}: {
  strategy: StrategyDraft;
  errors: Record<string, RuleIssue[]> | undefined;
  onChange: (patch: Partial<StrategyDraft>) => void;
}) {
  const t = useT();
  const tiers = useQuery({ queryKey: tierKeys.all, queryFn: listTiers, staleTime: 60_000 });
  const err = (field: string) => messages(issuesUnder(errors, `strategy.${field}`));
  return (
    <Fieldset legend={t('leads.settings.strategy')}>
      <Stack gap="xs">
        <Select
          label={t('leads.settings.strategyType')}
          data={RoutingStrategyTypeValues.map((v) => ({ value: v, label: t(STRATEGY_LABEL[v]) }))}
          value={s.type}
          allowDeselect={false}
          error={err('type')}
          onChange={(v) => v && onChange({ type: v as RoutingStrategyType })}
          w={280}
        />
        <Text size="xs" c="dimmed">
          {t(`leads.settings.strategyHint.${s.type}` as MessageId)}
        </Text>
        {s.type === 'weighted' && (
          <Stack gap="xs">
            <NumberInput
              label={t('leads.settings.defaultWeight')}
              min={0}
              max={1000}
              decimalScale={2}
              value={s.defaultWeight}
              error={err('defaultWeight')}
              onChange={(v) => onChange({ defaultWeight: num(v) })}
              w={200}
            />
            <WeightRows
              title={t('leads.settings.partnerWeights')}
              addLabel={t('leads.settings.addPartnerWeight')}
              rows={s.partnerWeights.map((w) => ({ id: w.partnerId, weight: w.weight }))}
              errorAt={(i) => err(`partnerWeights.${i}`) ?? undefined}
              onChange={(rows) =>
                onChange({ partnerWeights: rows.map((r) => ({ partnerId: r.id, weight: r.weight })) })
              }
              picker={(value, error, pick) => (
                <PartnerPicker label={t('leads.partner')} value={value} error={error} onChange={pick} w={280} />
              )}
            />
            <WeightRows
              title={t('leads.settings.tierWeights')}
              addLabel={t('leads.settings.addTierWeight')}
              rows={s.tierWeights.map((w) => ({ id: w.tierId, weight: w.weight }))}
              errorAt={(i) => err(`tierWeights.${i}`) ?? undefined}
              onChange={(rows) => onChange({ tierWeights: rows.map((r) => ({ tierId: r.id, weight: r.weight })) })}
              picker={(value, error, pick) => (
                <Select
                  label={t('leads.attribute.tier')}
                  data={(tiers.data ?? []).map((tier) => ({ value: tier.id, label: tier.name }))}
                  value={value}
                  error={error}
                  onChange={pick}
                  w={240}
                />
              )}
            />
          </Stack>
        )}
        {s.type === 'capacity' && (
          <NumberInput
            label={t('leads.settings.maxOpenLeads')}
            min={1}
            max={100000}
            allowDecimal={false}
            value={s.maxOpenLeads}
            error={err('maxOpenLeads')}
            onChange={(v) => onChange({ maxOpenLeads: num(v) })}
            w={220}
          />
        )}
        {s.type === 'performance' && (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t('leads.settings.windowDays')}
              min={7}
              max={730}
              allowDecimal={false}
              value={s.windowDays}
              error={err('windowDays')}
              onChange={(v) => onChange({ windowDays: num(v) })}
            />
            <NumberInput
              label={t('leads.settings.acceptanceWeight')}
              min={0}
              max={1}
              step={0.1}
              decimalScale={2}
              value={s.acceptanceWeight}
              error={err('acceptanceWeight')}
              onChange={(v) => onChange({ acceptanceWeight: num(v) })}
            />
            <NumberInput
              label={t('leads.settings.conversionWeight')}
              min={0}
              max={1}
              step={0.1}
              decimalScale={2}
              value={s.conversionWeight}
              error={err('conversionWeight')}
              onChange={(v) => onChange({ conversionWeight: num(v) })}
            />
            <Select
              label={t('leads.settings.combine')}
              data={[
                { value: 'arithmetic', label: t('leads.settings.combine.arithmetic') },
                { value: 'geometric', label: t('leads.settings.combine.geometric') },
              ]}
              value={s.combine}
              allowDeselect={false}
              onChange={(v) => v && onChange({ combine: v as StrategyDraft['combine'] })}
            />
            <NumberInput
              label={t('leads.settings.priorLeads')}
              description={t('leads.settings.priorLeadsHint')}
              min={0}
              max={1000}
              allowDecimal={false}
              value={s.priorLeads}
              error={err('priorLeads')}
              onChange={(v) => onChange({ priorLeads: num(v) })}
            />
          </SimpleGrid>
        )}
      </Stack>
    </Fieldset>
  );
}

type WeightRow = { id: string; weight: number };

/** Weight overrides of the weighted strategy (per partner or per tier): a picker and a weight per row. */
function WeightRows({
  title,
  addLabel,
  rows,
  errorAt,
  onChange,
  picker,
}: {
  title: string;
  addLabel: string;
  rows: WeightRow[];
  errorAt: (index: number) => string | undefined;
  onChange: (rows: WeightRow[]) => void;
  picker: (value: string | null, error: string | undefined, pick: (id: string | null) => void) => ReactNode;
}) {
  const t = useT();
  const set = (i: number, patch: Partial<WeightRow>) =>
    onChange(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {rows.map((w, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is their identity
        <Group key={i} gap="xs" align="flex-start">
          {picker(w.id || null, errorAt(i), (id) => set(i, { id: id ?? '' }))}
          <NumberInput
            label={t('leads.settings.weight')}
            min={0}
            max={1000}
            decimalScale={2}
            value={w.weight}
            onChange={(v) => set(i, { weight: num(v) })}
            w={120}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={26}
            aria-label={t('leads.settings.removeWeight')}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <IconTrash size={14} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Button
        size="xs"
        variant="default"
        w="fit-content"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={() => onChange([...rows, { id: '', weight: 1 }])}
      >
        {addLabel}
      </Button>
    </>
  );
}
