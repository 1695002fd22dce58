import type { Notification } from '@trellis/contracts';
import type { MessageId } from '../../i18n/locales';
import type { TFunction } from '../../i18n/useT';

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
/** An ISO instant as a Date for ICU's {x, date} and {x, time}, which format it in the reader's time zone. */
const dateOf = (v: unknown): Date | null => {
  const at = typeof v === 'string' ? new Date(v) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
};

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
    // C5: the partner hears of a lead by company and deadline only, never the contact's details.
    case 'lead.offered':
      return t('notification.leadOffered', { company: str(d.company), acceptBy: dateOf(d.acceptBy) });
    case 'lead.offered_batch':
      return t('notification.leadOfferedBatch', { count: Number(d.count ?? 0), acceptBy: dateOf(d.acceptBy) });
    case 'lead.sla_reminder':
      return t('notification.leadSlaReminder', { company: str(d.company), acceptBy: dateOf(d.acceptBy) });
    case 'lead.recalled':
      return t(d.reason === 'manual' ? 'notification.leadRecalledManual' : 'notification.leadRecalledSla', {
        company: str(d.company),
      });
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
  if (n.type.startsWith('lead.')) {
    if (typeof d.leadId === 'string' && d.leadId && n.type !== 'lead.recalled') {
      return side === 'console' ? `/console/leads/${d.leadId}` : `/portal/leads/${d.leadId}`;
    }
    // A recalled lead is no longer the partner's; a batch has no single lead: the inbox.
    return side === 'console' ? '/console/leads' : '/portal/leads';
  }
  if (typeof d.registrationId === 'string' && d.registrationId) {
    return side === 'console' ? `/console/deals/${d.registrationId}` : `/portal/deals/${d.registrationId}`;
  }
  if (typeof d.partnerId === 'string' && d.partnerId) {
    return side === 'console' ? `/console/partners/${d.partnerId}` : '/portal/company';
  }
  return null;
}
