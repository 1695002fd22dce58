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
] as const;
export type Permission = (typeof PermissionValues)[number];

const READ: Permission[] = ['workspace.read', 'partner.read', 'contact.read', 'tier.read', 'attribute.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PermissionValues.filter((p) => p !== 'partner.update_own_profile'),
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
  ],
  finance: [...READ, 'partner.export', 'member.read'],
  marketing: [...READ, 'partner.export', 'member.read'],
  viewer: [...READ],
  partner_admin: [
    ...READ,
    'partner.update_own_profile',
    'contact.manage',
    'member.read',
    'member.invite',
    'member.manage',
  ],
  partner_user: [...READ],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
