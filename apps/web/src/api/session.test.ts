import { PartnerRoleValues, RoleValues } from '@trellis/contracts';
import { describe, expect, it } from 'vitest';
import { isPartnerRole } from './session';

describe('isPartnerRole', () => {
  it('agrees with the contracts list for every role', () => {
    for (const role of RoleValues) {
      expect(isPartnerRole(role), role).toBe((PartnerRoleValues as readonly string[]).includes(role));
    }
  });
});
