import type { Notification } from '@trellis/contracts';
import type { MessageId } from '../../i18n/locales';
import type { TFunction } from '../../i18n/useT';

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** C4 alerts: one sentence per deal-registration event, filled from customer, partner and reason. */
const DEAL_TEXTS: Partial<Record<string, MessageId>> = {
  'deal.review_requested': 'notification.dealReviewRequested',
  'deal.review_reminder': 'notification.dealReviewReminder',
  'deal.review_escalated': 'notification.dealReviewEscalated',
  'deal.channel_conflict': 'notification.dealChannelConflict',
  'deal.approved': 'notification.dealApproved',
  'deal.rejected': 'notification.dealRejected',
  'deal.needs_info': 'notification.dealNeedsInfo',
  'deal.won': 'notification.dealWon',
  'deal.lost': 'notification.dealLost',
  'deal.expired': 'notification.dealExpired',
  'deal.extended': 'notification.dealExtended',
  'deal.extension_requested': 'notification.dealExtensionRequested',
};

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
    default: {
      const key = DEAL_TEXTS[n.type];
      if (key) {
        return t(key, { customer: str(d.customer), partner: str(d.partner), reason: str(d.reason) });
      }
      return t('notification.other', { type: n.type });
    }
  }
}

/** Where a notification leads, for the reader's side of the app. */
export function notificationHref(n: Notification, side: 'console' | 'portal'): string | null {
  const d = n.data;
  if (typeof d.importId === 'string' && side === 'console') return `/console/import?id=${d.importId}`;
  if (typeof d.registrationId === 'string' && d.registrationId) {
    return side === 'console' ? `/console/deals/${d.registrationId}` : `/portal/deals/${d.registrationId}`;
  }
  if (typeof d.partnerId === 'string' && d.partnerId) {
    return side === 'console' ? `/console/partners/${d.partnerId}` : '/portal/company';
  }
  return null;
}
