import { isPartnerRole, type Role } from '@trellis/contracts';
import type { Actor } from '../../platform/context';

/** Who may invite whom (C18): admins anyone; channel managers and partner admins only partner roles. */
export function canInvite(actor: Actor, role: Role, partnerId: string | null): string | null {
  if (!actor.permissions.has('member.invite')) return 'your role may not invite people';
  if (actor.partnerId) {
    if (!isPartnerRole(role)) return 'partner admins may invite only partner_admin or partner_user';
    if (partnerId && partnerId !== actor.partnerId) return 'partner not found';
    return null;
  }
  if (actor.role !== 'admin' && !isPartnerRole(role)) return 'only admins may invite vendor staff';
  if (isPartnerRole(role) && !partnerId) return 'partner roles need a partnerId';
  if (!isPartnerRole(role) && partnerId) return 'vendor roles belong to no partner';
  return null;
}

/** Partner admins manage only partner roles; nobody changes their own membership here. */
export function canManageMember(actor: Actor, target: { userId: string; role: Role }, newRole?: Role): string | null {
  if (!actor.permissions.has('member.manage')) return 'your role may not manage people';
  if (target.userId === actor.userId) return 'you cannot change your own membership';
  if (actor.partnerId && (!isPartnerRole(target.role) || (newRole && !isPartnerRole(newRole)))) {
    return 'partner admins may assign only partner_admin or partner_user';
  }
  if (!actor.partnerId && newRole && isPartnerRole(newRole) !== isPartnerRole(target.role)) {
    return 'a vendor membership cannot become a partner one or the other way round; invite the person instead';
  }
  return null;
}
