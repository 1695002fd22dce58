import type { Contact } from '@trellis/contracts';
import type { ContactRow } from './contact.repo';

export function presentContact(r: ContactRow): Contact {
  return {
    id: r.id,
    partnerId: r.partnerId,
    firstName: r.firstName,
    lastName: r.lastName,
    email: r.email,
    phone: r.phone,
    title: r.title,
    role: r.role,
    hasLogin: r.hasLogin === true,
    metadata: r.metadata,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** What the audit log diffs for a contact. */
export const contactSnapshot = (r: ContactRow) => ({
  firstName: r.firstName,
  lastName: r.lastName,
  email: r.email,
  phone: r.phone,
  title: r.title,
  role: r.role,
  metadata: r.metadata,
});

export const contactName = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`.trim();
