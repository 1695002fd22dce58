import { z } from 'zod';
import { RoleSchema } from '../auth/roles';
import { CurrencyCodeSchema, LocaleSchema, TimeZoneSchema } from '../common/ids';
import { PartnerProfileFieldSchema } from '../partners/partners.schemas';

export const WorkspaceSettingsSchema = z
  .object({
    partnerEditableFields: z.array(PartnerProfileFieldSchema),
    invitationTtlHours: z.number().int().min(1).max(720),
  })
  .strict();
export type WorkspaceSettings = z.infer<typeof WorkspaceSettingsSchema>;

export const WorkspaceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    baseCurrency: z.string(),
    defaultLocale: LocaleSchema,
    timeZone: z.string(),
    settings: WorkspaceSettingsSchema,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Workspace' });
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const WorkspaceUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    baseCurrency: CurrencyCodeSchema,
    defaultLocale: LocaleSchema,
    timeZone: TimeZoneSchema,
    settings: WorkspaceSettingsSchema.partial(),
  })
  .partial()
  .strict();

export const NotificationPrefsSchema = z
  .object({ email: z.boolean(), inApp: z.boolean(), digest: z.enum(['off', 'daily', 'weekly']) })
  .strict();

export const MeSchema = z
  .object({
    user: z.object({
      id: z.uuid(),
      email: z.string(),
      name: z.string(),
      locale: LocaleSchema.nullable(),
      timeZone: z.string().nullable(),
      notificationPrefs: NotificationPrefsSchema,
    }),
    memberships: z.array(
      z.object({
        workspace: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
        role: RoleSchema,
        partnerId: z.uuid().nullable(),
        partnerName: z.string().nullable(),
      }),
    ),
    activeWorkspaceId: z.uuid().nullable(),
    permissions: z.array(z.string()),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const ProfileUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    locale: LocaleSchema,
    timeZone: TimeZoneSchema,
    notificationPrefs: NotificationPrefsSchema,
  })
  .partial()
  .strict();

export const MembershipStatusValues = ['active', 'deactivated'] as const;
export const MemberSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    partnerId: z.uuid().nullable(),
    status: z.enum(MembershipStatusValues),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof MemberSchema>;

export const MemberUpdateSchema = z
  .object({ role: RoleSchema, status: z.enum(MembershipStatusValues) })
  .partial()
  .strict();

export const InvitationCreateSchema = z
  .object({
    email: z.email().max(254).toLowerCase(),
    role: RoleSchema,
    partnerId: z.uuid().nullable().optional(),
    name: z.string().trim().max(120).optional(),
  })
  .strict()
  .meta({ id: 'InvitationCreate' });
export const InvitationStatusValues = ['pending', 'accepted', 'expired', 'revoked'] as const;
export const InvitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: RoleSchema,
    partnerId: z.uuid().nullable(),
    status: z.enum(InvitationStatusValues),
    expiresAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationPreviewSchema = z.object({
  email: z.string(),
  workspaceName: z.string(),
  role: RoleSchema,
  partnerName: z.string().nullable(),
  userExists: z.boolean(),
});
export const InvitationAcceptSchema = z
  .object({
    token: z.string().min(20).max(200),
    name: z.string().trim().min(1).max(120).optional(),
    password: z.string().min(12).max(128).optional(),
  })
  .strict();

export const PasswordSchema = z.string().min(12, 'at least 12 characters').max(128);
