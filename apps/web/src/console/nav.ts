import {
  IconAddressBook,
  IconAdjustments,
  IconBell,
  IconBriefcase,
  IconBuildingStore,
  IconCoins,
  IconFileImport,
  IconGavel,
  IconHistory,
  IconInbox,
  IconLayoutKanban,
  IconListDetails,
  IconRoute,
  IconStairsUp,
  IconTargetArrow,
  IconUser,
  IconUsers,
} from '@tabler/icons-react';
import type { Permission } from '@trellis/contracts';
import type { MessageId } from '../i18n/locales';

export type NavItem = {
  to: string;
  label: MessageId;
  icon: typeof IconUsers;
  permission: Permission;
  group: 'main' | 'settings' | 'personal';
  /** Extra words the command palette matches, in the reader's language (translated keys). */
  keywords?: MessageId;
};

/** Every console area that exists; the shell and the command palette show only what the role may open. */
export const CONSOLE_NAV: NavItem[] = [
  {
    to: '/console/partners',
    label: 'nav.partners',
    icon: IconBuildingStore,
    permission: 'partner.read',
    group: 'main',
  },
  {
    to: '/console/deals',
    label: 'deals.nav.queue',
    icon: IconBriefcase,
    permission: 'deal.read',
    group: 'main',
    keywords: 'deals.nav.keywords',
  },
  {
    to: '/console/accounts',
    label: 'deals.nav.accounts',
    icon: IconAddressBook,
    permission: 'account.read',
    group: 'main',
  },
  {
    to: '/console/opportunities',
    label: 'deals.nav.opportunities',
    icon: IconTargetArrow,
    permission: 'account.read',
    group: 'main',
  },
  {
    to: '/console/leads',
    label: 'leads.nav.board',
    icon: IconInbox,
    permission: 'lead.read',
    group: 'main',
    keywords: 'leads.nav.keywords',
  },
  {
    to: '/console/pipeline',
    label: 'pipeline.nav',
    icon: IconLayoutKanban,
    permission: 'pipeline.read',
    group: 'main',
    keywords: 'pipeline.nav.keywords',
  },
  { to: '/console/import', label: 'nav.import', icon: IconFileImport, permission: 'partner.import', group: 'main' },
  { to: '/console/users', label: 'nav.users', icon: IconUsers, permission: 'member.read', group: 'main' },
  { to: '/console/audit-log', label: 'nav.audit', icon: IconHistory, permission: 'audit.read', group: 'main' },
  { to: '/console/settings/tiers', label: 'nav.tiers', icon: IconStairsUp, permission: 'tier.read', group: 'settings' },
  {
    to: '/console/settings/attributes',
    label: 'nav.attributes',
    icon: IconListDetails,
    permission: 'attribute.read',
    group: 'settings',
  },
  {
    to: '/console/settings/deals',
    label: 'deals.nav.settings',
    icon: IconGavel,
    permission: 'deal.settings',
    group: 'settings',
  },
  {
    to: '/console/settings/leads',
    label: 'leads.nav.settings',
    icon: IconRoute,
    permission: 'lead.settings',
    group: 'settings',
  },
  {
    to: '/console/settings/pipeline',
    label: 'pipeline.nav.stages',
    icon: IconLayoutKanban,
    permission: 'pipeline.read',
    group: 'settings',
  },
  {
    to: '/console/settings/exchange-rates',
    label: 'pipeline.nav.rates',
    icon: IconCoins,
    permission: 'fx.read',
    group: 'settings',
  },
  {
    to: '/console/settings/workspace',
    label: 'nav.workspace',
    icon: IconAdjustments,
    permission: 'workspace.manage',
    group: 'settings',
  },
  {
    to: '/console/notifications',
    label: 'nav.notifications',
    icon: IconBell,
    permission: 'workspace.read',
    group: 'personal',
  },
  { to: '/console/profile', label: 'nav.profile', icon: IconUser, permission: 'workspace.read', group: 'personal' },
];
