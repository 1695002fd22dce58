import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Progress,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { Import, ImportDryRunResult, ImportKind, ImportMode } from '@trellis/contracts';
import { useEffect, useRef, useState } from 'react';
import { ApiError, api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { AnchorLink, ButtonLink } from '../../components/ui/links';
import { NotAllowed } from '../../components/ui/NotAllowed';
import { PageLoader } from '../../components/ui/PageLoader';
import { usePageTitle } from '../../components/ui/usePageTitle';
import { errorText } from '../../features/forms/errors';
import { attributeKeys, listAttributes, type Page } from '../../features/partners/api';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/locales';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { fieldKey, fieldOptions, importableKinds, initialKind, REQUIRED_FIELDS } from './fields';

const route = getRouteApi('/console/import');
const LIVE: Import['status'][] = ['queued', 'running'];
const importKey = (id: string) => ['imports', id] as const;

const statusKey = (s: Import['status']): MessageId => `import.status.${s}`;

/**
 * C1/C19 (and C4 for customer accounts, C5 for leads): CSV import — upload, map columns, dry run, then a
 * progress bar while it runs, and for leads the routing that follows — and CSV export.
 */
export function ImportWizardPage() {
  const t = useT();
  const can = useCan();
  const { id, kind } = route.useSearch();
  usePageTitle(t('import.title'));
  const mayExport = can('partner.export') || can('account.read');
  if (!can('partner.import') && !mayExport) return <NotAllowed />;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('import.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('import.subtitle')}
        </Text>
      </div>
      {can('partner.import') && (id ? <ImportFlow id={id} /> : <UploadStep requestedKind={kind} />)}
      {!id && can('partner.import') && <History />}
      {!id && mayExport && <ExportCard />}
    </Stack>
  );
}

function UploadStep({ requestedKind }: { requestedKind: string | undefined }) {
  const t = useT();
  const can = useCan();
  const { locale } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const kinds = importableKinds(can);
  const [kind, setKind] = useState<ImportKind>(() => initialKind(requestedKind, kinds));
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async () => {
    if (!file) {
      setError(t('import.upload.chooseFile'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.append('kind', kind);
      body.append('file', file, file.name);
      const { import: created } = await api.post<{ import: Import }>('/imports', body);
      queryClient.setQueryData(importKey(created.id), created);
      await navigate({ to: '/console/import', search: { id: created.id } });
    } catch (err) {
      setError(
        err instanceof ApiError && err.issues.length > 0
          ? err.issues.map((i) => i.message).join('; ')
          : errorText(err, t, locale),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="upload-heading">
      <Stepper active={0} size="sm" mb="lg" allowNextStepsSelect={false} aria-hidden>
        <Stepper.Step label={t('import.step.upload')} />
        <Stepper.Step label={t('import.step.map')} />
        <Stepper.Step label={t('import.step.check')} />
        <Stepper.Step label={t('import.step.import')} />
      </Stepper>
      <Title order={2} size="h4" id="upload-heading" mb="sm">
        {t('import.upload.title')}
      </Title>
      <Stack maw={560}>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Radio.Group label={t('import.upload.kind')} value={kind} onChange={(v) => setKind(v as ImportKind)}>
          <Group mt={6}>
            {kinds.map((k) => (
              <Radio key={k} value={k} label={t(`import.kind.${k}`)} />
            ))}
          </Group>
        </Radio.Group>
        {kind === 'accounts' && (
          <Text size="sm" c="dimmed">
            {t('import.upload.accountsHint')}
          </Text>
        )}
        {kind === 'leads' && (
          <Text size="sm" c="dimmed">
            {t('import.upload.leadsHint')}
          </Text>
        )}
        <FileInput
          label={t('import.upload.file')}
          description={t('import.upload.fileHint')}
          accept=".csv,text/csv"
          value={file}
          onChange={setFile}
          leftSection={<IconFileTypeCsv size={18} aria-hidden />}
          clearable
          placeholder={t('import.upload.placeholder')}
        />
        <Group>
          <Button onClick={upload} loading={busy} leftSection={<IconUpload size={16} aria-hidden />}>
            {t('import.upload.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ImportFlow({ id }: { id: string }) {
  const t = useT();
  const { locale } = useI18n();
  const imp = useQuery({
    queryKey: importKey(id),
    queryFn: () => api.get<{ import: Import }>(`/imports/${id}`).then((r) => r.import),
    refetchInterval: (q) => (q.state.data && LIVE.includes(q.state.data.status) ? 1000 : false),
  });
  const [dryRun, setDryRun] = useState<ImportDryRunResult | null>(null);
  const [editing, setEditing] = useState(false);
  if (imp.isError) {
    return (
      <Alert color="red" role="alert">
        {errorText(imp.error, t, locale)}{' '}
        <AnchorLink to="/console/import" search={{}}>
          {t('import.startOver')}
        </AnchorLink>
      </Alert>
    );
  }
  if (!imp.data) return <PageLoader />;
  const data = imp.data;
  const step =
    data.status === 'uploaded' || editing ? 1 : data.status === 'validated' ? 2 : LIVE.includes(data.status) ? 3 : 4;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
      <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label={t('import.step.upload')} description={data.fileName} />
        <Stepper.Step label={t('import.step.map')} />
        <Stepper.Step label={t('import.step.check')} />
        <Stepper.Step label={t('import.step.import')} />
      </Stepper>
      {step === 1 && (
        <MappingStep
          imp={data}
          onDryRun={(r) => {
            setDryRun(r);
            setEditing(false);
          }}
        />
      )}
      {step === 2 && <ReviewStep imp={data} dryRun={dryRun} onBack={() => setEditing(true)} />}
      {step >= 3 && <ProgressStep imp={data} />}
    </Paper>
  );
}

function MappingStep({ imp, onDryRun }: { imp: Import; onDryRun: (r: ImportDryRunResult) => void }) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const attributes = useQuery({ queryKey: attributeKeys.all, queryFn: listAttributes });
  const [mapping, setMapping] = useState<Record<string, string>>(() =>
    Object.fromEntries(imp.headers.map((h) => [h, imp.mapping[h] ?? ''])),
  );
  const [mode, setMode] = useState<ImportMode>(imp.mode ?? 'valid_rows');
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const options = fieldOptions(imp.kind, attributes.data ?? [], t);
  const mapped = new Set(Object.values(mapping).filter(Boolean));
  const missing = REQUIRED_FIELDS[imp.kind].filter((f) => !mapped.has(f));

  const run = async () => {
    setBusy(true);
    setIssues({});
    setGeneral([]);
    try {
      const result = await api.post<ImportDryRunResult>(`/imports/${imp.id}/dry-run`, { mapping, mode });
      queryClient.setQueryData(importKey(imp.id), result.import);
      onDryRun(result);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        const byColumn: Record<string, string> = {};
        const rest: string[] = [];
        for (const i of err.issues) {
          const m = i.path.match(/^body\.mapping\.(.+)$/);
          if (m?.[1] && m[1] in mapping) byColumn[m[1]] = i.message;
          else rest.push(i.message);
        }
        setIssues(byColumn);
        setGeneral(rest);
      } else setGeneral([errorText(err, t, locale)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          {t('import.map.title', { count: imp.totalRows })}
        </Title>
        {imp.preset && <Badge color="blue">{t(`import.preset.${imp.preset}`)}</Badge>}
      </Group>
      <Text size="sm">{t('import.map.intro')}</Text>
      {missing.length > 0 && (
        <Alert color="orange">
          {t('import.map.missing', { fields: missing.map((f) => t(fieldKey(imp.kind, f))).join(', ') })}
        </Alert>
      )}
      {general.length > 0 && (
        <Alert color="red" role="alert" title={t('import.map.problems')}>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {general.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        </Alert>
      )}
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('import.map.column')}</Table.Th>
              <Table.Th scope="col">{t('import.map.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imp.headers.map((h) => (
              <Table.Tr key={h}>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {h}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('import.map.fieldFor', { column: h })}
                    data={options}
                    value={mapping[h] ?? ''}
                    onChange={(v) => setMapping((m) => ({ ...m, [h]: v ?? '' }))}
                    allowDeselect={false}
                    searchable
                    error={issues[h]}
                    maw={360}
                    comboboxProps={{ withinPortal: true }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Radio.Group label={t('import.mode.label')} value={mode} onChange={(v) => setMode(v as ImportMode)}>
        <Stack gap={6} mt={6}>
          <Radio value="valid_rows" label={t('import.mode.valid_rows')} description={t('import.mode.validRowsHint')} />
          <Radio
            value="all_or_nothing"
            label={t('import.mode.all_or_nothing')}
            description={t('import.mode.allOrNothingHint')}
          />
        </Stack>
      </Radio.Group>
      <Group justify="space-between">
        <AnchorLink to="/console/import" search={{}} size="sm">
          {t('import.startOver')}
        </AnchorLink>
        <Button onClick={run} loading={busy}>
          {t('import.map.dryRun')}
        </Button>
      </Group>
    </Stack>
  );
}

function ErrorList({ imp, limit = 100 }: { imp: Import; limit?: number }) {
  const t = useT();
  const fmt = useFormat();
  if (imp.errors.length === 0) return null;
  const shown = imp.errors.slice(0, limit);
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={4} striped fz="sm" aria-label={t('import.errors.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={80}>
                {t('import.errors.row')}
              </Table.Th>
              <Table.Th scope="col" w={180}>
                {t('import.errors.column')}
              </Table.Th>
              <Table.Th scope="col">{t('import.errors.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e) => (
              <Table.Tr key={`${e.row}-${e.field}-${e.message}`}>
                <Table.Td>{fmt.number(e.row)}</Table.Td>
                <Table.Td>{e.field ?? t('common.empty')}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {imp.errorCount > shown.length && (
        <Text size="sm" c="dimmed">
          {t('import.errors.more', { count: imp.errorCount - shown.length })}
        </Text>
      )}
      <Group>
        <Button
          component="a"
          href={downloadUrl(`/imports/${imp.id}/errors.csv`)}
          download
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t('import.errors.download')}
        </Button>
      </Group>
    </Stack>
  );
}

function ReviewStep({ imp, dryRun, onBack }: { imp: Import; dryRun: ImportDryRunResult | null; onBack: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const invalid = dryRun?.invalidRows ?? new Set(imp.errors.map((e) => e.row)).size;
  const valid = dryRun?.validRows ?? Math.max(0, imp.totalRows - invalid);
  const blocked = imp.mode === 'all_or_nothing' && invalid > 0;
  const [routeLeads, setRouteLeads] = useState(true);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const { import: started } = await api.post<{ import: Import }>(`/imports/${imp.id}/start`, {
        mapping: imp.mapping,
        mode: imp.mode,
        ...(imp.kind === 'leads' ? { route: routeLeads } : {}),
      });
      queryClient.setQueryData(importKey(imp.id), started);
    } catch (err) {
      setError(errorText(err, t, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('import.review.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('import.review.total')}
          </Text>
          <Text fw={700} size="xl">
            {fmt.number(imp.totalRows)}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('import.review.valid')}
          </Text>
          <Text fw={700} size="xl" c="green.9">
            {fmt.number(valid)}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('import.review.invalid')}
          </Text>
          <Text fw={700} size="xl" c={invalid > 0 ? 'red.9' : undefined}>
            {fmt.number(invalid)}
          </Text>
        </Card>
      </SimpleGrid>
      <Text role="status">
        {invalid === 0
          ? t('import.review.allGood', { count: valid })
          : blocked
            ? t('import.review.blocked', { count: invalid })
            : t('import.review.someBad', { valid, invalid })}
      </Text>
      {imp.kind === 'accounts' && dryRun && dryRun.updateRows > 0 && (
        <Text size="sm">{t('import.review.updates', { count: dryRun.updateRows })}</Text>
      )}
      {imp.kind === 'leads' && dryRun && dryRun.duplicateRows > 0 && (
        <Text size="sm">{t('import.review.duplicates', { count: dryRun.duplicateRows })}</Text>
      )}
      <ErrorList imp={imp} />
      {imp.kind === 'leads' && (
        <Checkbox
          checked={routeLeads}
          onChange={(e) => setRouteLeads(e.currentTarget.checked)}
          label={t('import.review.route')}
          description={t('import.review.routeHint')}
        />
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          {t('import.review.changeMapping')}
        </Button>
        <Button onClick={start} loading={busy} disabled={blocked || valid === 0}>
          {t('import.review.start', { count: valid })}
        </Button>
      </Group>
    </Stack>
  );
}

/** Determinate progress with a polite live region: phase changes and every tenth are announced (WCAG 4.1.3). */
function ProgressStep({ imp }: { imp: Import }) {
  const t = useT();
  const fmt = useFormat();
  const total = Math.max(imp.totalRows, 1);
  const pct = imp.status === 'completed' ? 100 : Math.min(100, Math.round((imp.processedRows / total) * 100));
  const [announcement, setAnnouncement] = useState('');
  const lastDecile = useRef(-1);
  const lastStatus = useRef<Import['status'] | null>(null);
  useEffect(() => {
    const decile = Math.floor(pct / 10);
    if (imp.status !== lastStatus.current) {
      lastStatus.current = imp.status;
      lastDecile.current = decile;
      setAnnouncement(
        imp.status === 'completed'
          ? t('import.progress.doneLive', { imported: imp.importedRows, errors: imp.errorCount })
          : imp.status === 'failed'
            ? t('import.progress.failed')
            : t(statusKey(imp.status)),
      );
    } else if (decile !== lastDecile.current && LIVE.includes(imp.status)) {
      lastDecile.current = decile;
      setAnnouncement(t('import.progress.percentLive', { percent: pct }));
    }
  }, [imp.status, pct, imp.importedRows, imp.errorCount, t]);
  const done = imp.status === 'completed';
  const failed = imp.status === 'failed';
  const queryClient = useQueryClient();
  // Lists cached before the import (up to 15 s) must show what it wrote.
  useEffect(() => {
    const lists = { partners: 'partners', contacts: 'partners', accounts: 'accounts', leads: 'leads' } as const;
    if (done) void queryClient.invalidateQueries({ queryKey: [lists[imp.kind]] });
  }, [done, imp.kind, queryClient]);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h4">
          {done
            ? t('import.progress.doneTitle')
            : failed
              ? t('import.progress.failedTitle')
              : t('import.progress.title')}
        </Title>
        <Badge color={done ? 'green' : failed ? 'red' : 'blue'}>{t(statusKey(imp.status))}</Badge>
      </Group>
      <Progress
        value={pct}
        size="xl"
        striped={!done && !failed}
        animated={!done && !failed}
        color={failed ? 'red' : done ? 'green' : 'indigo'}
        aria-label={t('import.progress.label')}
        aria-valuetext={t('import.progress.rows', { processed: imp.processedRows, total: imp.totalRows })}
      />
      <Text size="sm">
        {t('import.progress.rows', { processed: imp.processedRows, total: imp.totalRows })} · {fmt.percent(pct)}
      </Text>
      <div role="status" aria-live="polite" aria-atomic="true" className="visually-hidden">
        {announcement}
      </div>
      {(done || failed) && (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {t('import.progress.imported')}
              </Text>
              <Text fw={700} size="xl" c="green.9" data-testid="imported-count">
                {fmt.number(imp.importedRows)}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {t('import.progress.withErrors')}
              </Text>
              <Text fw={700} size="xl" c={imp.errorCount > 0 ? 'red.9' : undefined} data-testid="error-count">
                {fmt.number(imp.errorCount)}
              </Text>
            </Card>
          </SimpleGrid>
          {imp.kind === 'leads' && done && <LeadRouting imp={imp} />}
          <ErrorList imp={imp} />
          <Group>
            {imp.kind === 'leads' && done && (
              <ButtonLink to="/console/leads">{t('import.progress.seeLeads')}</ButtonLink>
            )}
            {imp.kind === 'partners' && done && (
              <ButtonLink to="/console/partners" search={{ sort: '-createdAt' }}>
                {t('import.progress.seePartners')}
              </ButtonLink>
            )}
            {imp.kind === 'accounts' && done && (
              <ButtonLink to="/console/accounts">{t('import.progress.seeAccounts')}</ButtonLink>
            )}
            <ButtonLink to="/console/import" search={{}} variant="default">
              {t('import.progress.another')}
            </ButtonLink>
          </Group>
        </>
      )}
    </Stack>
  );
}

/** C5: what the routing after a lead import did — offered to partners, in the fallback queue. */
function LeadRouting({ imp }: { imp: Import }) {
  const t = useT();
  const fmt = useFormat();
  if (!imp.route || imp.importedRows === 0) {
    return imp.importedRows > 0 ? <Text size="sm">{t('import.progress.notRouted')}</Text> : null;
  }
  if (!imp.routing) return <Text size="sm">{t('import.progress.routingPending')}</Text>;
  return (
    <Stack gap="xs" component="section" aria-labelledby="routing-heading">
      <Title order={3} size="h5" id="routing-heading">
        {t('import.progress.routing')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('import.progress.routed')}
          </Text>
          <Text fw={700} size="xl" data-testid="routed-count">
            {fmt.number(imp.routing.assigned)}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('import.progress.fallback')}
          </Text>
          <Text fw={700} size="xl" data-testid="fallback-count">
            {fmt.number(imp.routing.fallback)}
          </Text>
        </Card>
      </SimpleGrid>
      {imp.routing.skipped > 0 && (
        <Text size="sm" c="dimmed">
          {t('import.progress.routingSkipped', { count: imp.routing.skipped })}
        </Text>
      )}
    </Stack>
  );
}

function History() {
  const t = useT();
  const fmt = useFormat();
  const imports = useQuery({
    queryKey: ['imports', 'history'],
    queryFn: () => api.get<Page<Import>>('/imports', { limit: 10 }),
  });
  const list = imports.data?.data ?? [];
  if (list.length === 0) return null;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="history-heading">
      <Title order={2} size="h4" id="history-heading" mb="sm">
        {t('import.history.title')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('import.history.file')}</Table.Th>
              <Table.Th scope="col">{t('import.upload.kind')}</Table.Th>
              <Table.Th scope="col">{t('common.status')}</Table.Th>
              <Table.Th scope="col" ta="end">
                {t('import.progress.imported')}
              </Table.Th>
              <Table.Th scope="col" ta="end">
                {t('import.progress.withErrors')}
              </Table.Th>
              <Table.Th scope="col">{t('import.history.when')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <AnchorLink to="/console/import" search={{ id: i.id }}>
                    {i.fileName}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{t(`import.kind.${i.kind}`)}</Table.Td>
                <Table.Td>{t(statusKey(i.status))}</Table.Td>
                <Table.Td ta="end">{fmt.number(i.importedRows)}</Table.Td>
                <Table.Td ta="end">{fmt.number(i.errorCount)}</Table.Td>
                <Table.Td>{fmt.dateTime(i.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

type ExportKind = Exclude<ImportKind, 'leads'>;
const EXPORT_URL: Record<ExportKind, string> = {
  partners: '/partners/export.csv',
  contacts: '/contacts/export.csv',
  accounts: '/accounts/export.csv',
};

function ExportCard() {
  const t = useT();
  const can = useCan();
  const kinds: ExportKind[] = [
    ...(can('partner.export') ? (['partners', 'contacts'] as const) : []),
    ...(can('account.read') ? (['accounts'] as const) : []),
  ];
  const [chosen, setKind] = useState<ExportKind | null>(null);
  const kind = chosen && kinds.includes(chosen) ? chosen : (kinds[0] ?? 'partners');
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="export-heading">
      <Title order={2} size="h4" id="export-heading" mb="xs">
        {t('export.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('export.intro')}
      </Text>
      <Group>
        <SegmentedControl
          aria-label={t('export.what')}
          value={kind}
          onChange={(v) => setKind(kinds.find((k) => k === v) ?? null)}
          data={kinds.map((k) => ({ value: k, label: t(`import.kind.${k}`) }))}
        />
        <Button
          component="a"
          href={downloadUrl(EXPORT_URL[kind])}
          download
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t('export.download')}
        </Button>
      </Group>
    </Paper>
  );
}
