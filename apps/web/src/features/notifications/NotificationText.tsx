import type { Notification } from '@trellis/contracts';
import type { MessageId } from '../../i18n/locales';
import type { TFunction } from '../../i18n/useT';

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** C15: the notification's sentence in the reader's language, filled from its data. */
export function notificationText(n: Notification, t: TFunction): string {
  const d = n.data;
  switch (n.type) {
    case 'invitation.accepted':
      return t('notification.invitationAccepted', {
        name: str(d.name) || str(d.email),
        role: d.role ? t(`role.${str(d.role)}` as MessageId) : '',
      });
    case 'import.completed':
      return t('notification.importCompleted', {
        file: str(d.fileName),
        imported: Number(d.importedRows ?? 0),
        errors: Number(d.errorCount ?? 0),
      });
    case 'import.failed':
      return t('notification.importFailed', { file: str(d.fileName) });
    case 'partner.status_changed':
      return t('notification.partnerStatusChanged', {
        partner: str(d.partnerName) || str(d.displayName),
        status: d.to ? t(`partnerStatus.${str(d.to)}` as MessageId) : str(d.status),
      });
    default:
      return t('notification.other', { type: n.type });
  }
}

/** Where a notification leads, for the reader's side of the app. */
export function notificationHref(n: Notification, side: 'console' | 'portal'): string | null {
  const d = n.data;
  if (typeof d.importId === 'string' && side === 'console') return `/console/import?id=${d.importId}`;
  if (typeof d.partnerId === 'string' && d.partnerId) {
    return side === 'console' ? `/console/partners/${d.partnerId}` : '/portal/company';
  }
  return null;
}
