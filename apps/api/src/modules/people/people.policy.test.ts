import { ROLE_PERMISSIONS, type Role } from '@trellis/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context';
import { canInvite, canManageMember } from './people.policy';

const actor = (role: Role, partnerId: string | null = null): Actor => ({
  userId: 'u1',
  email: 'a@example.com',
  name: 'A',
  workspaceId: 'w1',
  membershipId: 'm1',
  role,
  partnerId,
  permissions: new Set(ROLE_PERMISSIONS[role]),
});

describe('canInvite', () => {
  it.each([
    ['admin', null, 'finance', null, true],
    ['admin', null, 'partner_user', 'p1', true],
    ['admin', null, 'partner_user', null, false],
    ['admin', null, 'viewer', 'p1', false],
    ['channel_manager', null, 'partner_admin', 'p1', true],
    ['channel_manager', null, 'admin', null, false],
    ['viewer', null, 'partner_user', 'p1', false],
    ['partner_admin', 'p1', 'partner_user', 'p1', true],
    ['partner_admin', 'p1', 'partner_user', 'p2', false],
    ['partner_admin', 'p1', 'channel_manager', null, false],
    ['partner_user', 'p1', 'partner_user', 'p1', false],
  ] as const)('%s (partner %s) inviting %s for %s → %s', (role, own, target, partnerId, allowed) => {
    expect(canInvite(actor(role, own), target, partnerId) === null).toBe(allowed);
  });
});

describe('canManageMember', () => {
  it('keeps partner admins to partner roles and nobody edits themselves', () => {
    const pa = actor('partner_admin', 'p1');
    expect(canManageMember(pa, { userId: 'u2', role: 'partner_user' }, 'partner_admin')).toBeNull();
    expect(canManageMember(pa, { userId: 'u2', role: 'partner_user' }, 'admin')).not.toBeNull();
    expect(canManageMember(pa, { userId: 'u1', role: 'partner_admin' })).not.toBeNull();
    expect(canManageMember(actor('admin'), { userId: 'u2', role: 'viewer' }, 'partner_user')).not.toBeNull();
    expect(canManageMember(actor('channel_manager'), { userId: 'u2', role: 'viewer' }, 'finance')).not.toBeNull();
  });
});
