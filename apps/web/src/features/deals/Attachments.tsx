import { Anchor, Button, FileButton, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DEAL_ATTACHMENT_ACCEPT, type DealAttachment, type DealAttachmentList } from '@trellis/contracts';
import { useEffect, useRef, useState } from 'react';
import { api, downloadUrl, newIdempotencyKey } from '../../api/client';
import { useCan } from '../../api/session';
import { ConfirmButton } from '../../components/ui/ConfirmButton';
import { useI18n } from '../../i18n/I18nProvider';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { errorText } from '../forms/errors';
import { dealKeys } from './api';
import { formatFileSize, type Limits, localProblem, uploadProblem } from './attachmentText';

const attachmentsKey = (dealId: string) => [...dealKeys.detail(dealId), 'attachments'] as const;
const path = (dealId: string, id = '') => `/deal-registrations/${dealId}/attachments${id ? `/${id}` : ''}`;

/**
 * C4: the files of a registration (proposal, letter of intent, quote, screenshots). Everyone who sees the
 * registration lists and downloads them; the registering partner uploads and deletes while it is a draft or
 * needs information. The API's refusals are shown beside the picker, one line per file.
 */
export function DealAttachments({ dealId }: { dealId: string }) {
  const t = useT();
  const can = useCan();
  const list = useQuery({
    queryKey: attachmentsKey(dealId),
    queryFn: () => api.get<DealAttachmentList>(path(dealId)),
  });
  const data = list.data;
  const loaded = data !== undefined;
  // A new draft opens at #attachments: scroll there once the panel has its content.
  useEffect(() => {
    if (loaded && window.location.hash === '#attachments') {
      document.getElementById('attachments')?.scrollIntoView({ block: 'start' });
    }
  }, [loaded]);
  return (
    <Paper withBorder p="sm" component="section" id="attachments" aria-labelledby="attachments-title">
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Title order={2} size="h4" id="attachments-title">
          {t('deals.attachments.title')}
        </Title>
        {data && (
          <Text size="sm" c="dimmed">
            {t('deals.attachments.count', { count: data.data.length, max: data.limits.maxFiles })}
          </Text>
        )}
      </Group>
      {list.isError && <Text c="red">{t('apiError.internal')}</Text>}
      {data && (
        <Stack gap="sm">
          {data.data.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('deals.attachments.empty')}
            </Text>
          ) : (
            <List listStyleType="none" spacing="xs" data-testid="attachment-list">
              {data.data.map((a) => (
                <AttachmentRow key={a.id} dealId={dealId} attachment={a} canDelete={data.canChange} />
              ))}
            </List>
          )}
          {data.canChange ? (
            <Uploader dealId={dealId} limits={data.limits} full={data.data.length >= data.limits.maxFiles} />
          ) : (
            can('deal.register') && (
              <Text size="sm" c="dimmed">
                {t('deals.attachments.locked')}
              </Text>
            )
          )}
        </Stack>
      )}
    </Paper>
  );
}

function AttachmentRow({
  dealId,
  attachment: a,
  canDelete,
}: {
  dealId: string;
  attachment: DealAttachment;
  canDelete: boolean;
}) {
  const t = useT();
  const f = useFormat();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  return (
    <List.Item>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Anchor
            href={downloadUrl(path(dealId, a.id))}
            download={a.fileName}
            style={{ overflowWrap: 'anywhere' }}
            aria-label={t('deals.attachments.download', { name: a.fileName })}
          >
            <IconDownload size={14} aria-hidden style={{ marginRight: 4, verticalAlign: 'middle' }} />
            {a.fileName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {[formatFileSize(a.sizeBytes, locale), a.uploadedBy?.name, f.dateTime(a.uploadedAt)]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </div>
        {canDelete && (
          <ConfirmButton
            variant="subtle"
            color="red"
            size="compact-sm"
            leftSection={<IconTrash size={14} aria-hidden />}
            aria-label={t('deals.attachments.deleteLabel', { name: a.fileName })}
            title={t('deals.attachments.deleteTitle')}
            body={t('deals.attachments.deleteBody', { name: a.fileName })}
            confirmLabel={t('deals.attachments.delete')}
            onConfirm={async () => {
              try {
                await api.delete(path(dealId, a.id));
                notifications.show({ color: 'green', message: t('deals.attachments.deleted') });
              } catch (err) {
                notifications.show({ color: 'red', message: errorText(err, t, locale) });
              }
              await queryClient.invalidateQueries({ queryKey: attachmentsKey(dealId) });
            }}
          >
            {t('deals.attachments.delete')}
          </ConfirmButton>
        )}
      </Group>
    </List.Item>
  );
}

/** One request per file, in order; each refusal is kept with the file's name. */
function Uploader({ dealId, limits, full }: { dealId: string; limits: Limits; full: boolean }) {
  const t = useT();
  const { locale } = useI18n();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  // Cleared after each pick, so choosing the same file again (after a fix) fires again.
  const resetRef = useRef<() => void>(null);

  const upload = async (files: File[]) => {
    if (files.length === 0) return;
    const found: string[] = [];
    let stored = 0;
    for (const file of files) {
      const local = localProblem(file, limits);
      if (local) {
        found.push(t(local.id, local.values));
        continue;
      }
      setBusy(file.name);
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        await api.post(path(dealId), form, { idempotencyKey: newIdempotencyKey() });
        stored++;
      } catch (err) {
        const p = uploadProblem(err, file.name, limits, errorText(err, t, locale));
        found.push(t(p.id, p.values));
      }
    }
    setBusy(null);
    resetRef.current?.();
    setProblems(found);
    if (stored > 0) notifications.show({ color: 'green', message: t('deals.attachments.uploaded', { count: stored }) });
    await queryClient.invalidateQueries({ queryKey: attachmentsKey(dealId) });
  };

  return (
    <Stack gap={4}>
      <Group gap="sm" align="center">
        <FileButton
          onChange={(files) => void upload(files)}
          accept={DEAL_ATTACHMENT_ACCEPT}
          multiple
          resetRef={resetRef}
        >
          {(props) => (
            <Button
              {...props}
              variant="light"
              leftSection={<IconPaperclip size={16} aria-hidden />}
              loading={busy !== null}
              disabled={full}
              aria-describedby="attachment-rules attachment-problems"
            >
              {t('deals.attachments.add')}
            </Button>
          )}
        </FileButton>
        {busy && (
          <Text size="sm" c="dimmed" aria-live="polite" style={{ overflowWrap: 'anywhere' }}>
            {t('deals.attachments.uploading', { name: busy })}
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed" id="attachment-rules">
        {t('deals.attachments.rules', {
          maxMb: Math.round(limits.maxBytes / (1024 * 1024)),
          maxFiles: limits.maxFiles,
        })}
      </Text>
      <div id="attachment-problems" role="alert">
        {problems.map((p) => (
          <Text key={p} size="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
            {p}
          </Text>
        ))}
      </div>
    </Stack>
  );
}
