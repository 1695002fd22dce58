import { z } from 'zod';

export const VendorRoleValues = ['admin', 'channel_manager', 'finance', 'marketing', 'viewer'] as const;
export const PartnerRoleValues = ['partner_admin', 'partner_user'] as const;
export const RoleValues = [...VendorRoleValues, ...PartnerRoleValues] as const;
export const RoleSchema = z.enum(RoleValues);
export type Role = z.infer<typeof RoleSchema>;
export type VendorRole = (typeof VendorRoleValues)[number];
export type PartnerRole = (typeof PartnerRoleValues)[number];

export function isPartnerRole(role: Role): role is PartnerRole {
  return (PartnerRoleValues as readonly string[]).includes(role);
}

/** Every permission the API checks, `resource.action` (ARCHITECTURE §3). */
export const PermissionValues = [
  'workspace.read',
  'workspace.manage',
  'partner.read',
  'partner.create',
  'partner.update',
  'partner.update_own_profile',
  'partner.change_status',
  'partner.export',
  'partner.import',
  'contact.read',
  'contact.manage',
  'tier.read',
  'tier.manage',
  'attribute.read',
  'attribute.manage',
  'member.read',
  'member.invite',
  'member.manage',
  'audit.read',
  'deal.read',
  'deal.register',
  'deal.review',
  'deal.approve',
  'deal.settings',
  'account.read',
  'account.manage',
  'pipeline.read',
  'pipeline.move',
  'pipeline.forecast',
  'pipeline.settings',
  'fx.read',
  'fx.manage',
  'lead.read',
  'lead.manage',
  'lead.settings',
  'lead.work',
] as const;
export type Permission = (typeof PermissionValues)[number];

const READ: Permission[] = ['workspace.read', 'partner.read', 'contact.read', 'tier.read', 'attribute.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Vendor staff never register deals themselves: registration is a partner's claim (C4).
  // Nor do they work leads from a partner's inbox (lead.work, C5).
  admin: PermissionValues.filter(
    (p) => p !== 'partner.update_own_profile' && p !== 'deal.register' && p !== 'lead.work',
  ),
  channel_manager: [
    ...READ,
    'partner.create',
    'partner.update',
    'partner.change_status',
    'partner.export',
    'partner.import',
    'contact.manage',
    'member.read',
    'member.invite',
    'deal.read',
    'deal.review',
    'deal.approve',
    'account.read',
    'account.manage',
    'pipeline.read',
    'pipeline.move',
    'pipeline.forecast',
    'fx.read',
    'lead.read',
    'lead.manage',
  ],
  finance: [
    ...READ,
    'partner.export',
    'member.read',
    'deal.read',
    'account.read',
    'pipeline.read',
    'pipeline.forecast',
    'fx.read',
    'fx.manage',
    'lead.read',
  ],
  marketing: [
    ...READ,
    'partner.export',
    'member.read',
    'deal.read',
    'account.read',
    'pipeline.read',
    'pipeline.forecast',
    'lead.read',
    'lead.manage',
  ],
  viewer: [...READ, 'deal.read', 'account.read', 'pipeline.read', 'pipeline.forecast', 'fx.read', 'lead.read'],
  partner_admin: [
    ...READ,
    'partner.update_own_profile',
    'contact.manage',
    'member.read',
    'member.invite',
    'member.manage',
    'deal.read',
    'deal.register',
    'pipeline.read',
    'pipeline.move',
    'lead.work',
  ],
  partner_user: [...READ, 'deal.read', 'deal.register', 'pipeline.read', 'pipeline.move', 'lead.work'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
