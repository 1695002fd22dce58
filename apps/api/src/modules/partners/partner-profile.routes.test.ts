import type { PartnerDetail, PartnerEvent } from '@trellis/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { createAttribute, createPartner } from '../../../test/partner-fixtures';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('PATCH /partners/{id}/profile (partner admins)', () => {
  let prof: Awaited<ReturnType<typeof seedWorkspace>>;
  let own: PartnerDetail;
  let pa: Awaited<ReturnType<typeof addPartnerPerson>>;
  beforeAll(async () => {
    prof = await seedWorkspace(t, 'Profile Co');
    await createAttribute(prof.people.admin, {
      key: 'linkedin',
      label: 'LinkedIn',
      type: 'text',
      partnerEditable: true,
    });
    await createAttribute(prof.people.admin, { key: 'credit_limit', label: 'Credit limit', type: 'number' });
    own = await createPartner(prof.people.admin, { legalName: 'Own Company SIA', country: 'LV', status: 'active' });
    pa = await addPartnerPerson(t, prof.workspaceId, own.id, 'partner_admin', 'profile');
  });

  it('shows the partner admin which fields they may edit', async () => {
    const res = await pa.get(`/api/v1/partners/${own.id}`);
    expect(res.statusCode).toBe(200);
    const abilities = res.json().partner.abilities;
    expect(abilities).toMatchObject({ update: false, changeStatusTo: [], manageContacts: true, manageTeam: true });
    expect(abilities.updateProfileFields).toContain('displayName');
    expect(abilities.updateProfileFields).not.toContain('logoUrl');
  });

  it('lets a partner admin edit the open fields and partner-editable attributes, recorded as theirs', async () => {
    const res = await pa.patch(`/api/v1/partners/${own.id}/profile`, {
      displayName: 'Own Company',
      phone: '+371 2612 3456',
      address: { city: 'Rīga' },
      industries: ['Logistics'],
      customAttributes: { linkedin: 'https://linkedin.com/company/own' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().partner).toMatchObject({
      displayName: 'Own Company',
      phone: '+371 2612 3456',
      customAttributes: { linkedin: 'https://linkedin.com/company/own' },
    });
    const timeline = (await prof.people.admin.get(`/api/v1/partners/${own.id}/events`)).json().data as PartnerEvent[];
    expect(timeline[0]).toMatchObject({ type: 'profile.updated', actor: { id: pa.userId } });
    const audit = await prof.people.admin.get(`/api/v1/audit-log?targetId=${own.id}&action=partner.updated`);
    expect(audit.json().data[0].actor.id).toBe(pa.userId);
  });

  it('answers 403 naming every field the workspace does not open to partners', async () => {
    const res = await pa.patch(`/api/v1/partners/${own.id}/profile`, {
      displayName: 'Allowed',
      legalName: 'Not allowed',
      tierId: null,
      logoUrl: 'https://cdn.example.com/x.png',
      customAttributes: { credit_limit: 1_000_000 },
    });
    expect(res.statusCode).toBe(403);
    const message = res.json().error.message as string;
    for (const field of ['legalName', 'tierId', 'logoUrl', 'customAttributes.credit_limit'])
      expect(message).toContain(field);
    expect(message).not.toContain('displayName');
    expect((await pa.get(`/api/v1/partners/${own.id}`)).json().partner.displayName).toBe('Own Company');
  });

  it('follows the workspace setting when it changes', async () => {
    const settings = await prof.people.admin.patch('/api/v1/workspace', {
      settings: { partnerEditableFields: ['logoUrl'] },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const logo = await pa.patch(`/api/v1/partners/${own.id}/profile`, { logoUrl: 'https://cdn.example.com/own.png' });
    expect(logo.statusCode, logo.body).toBe(200);
    const name = await pa.patch(`/api/v1/partners/${own.id}/profile`, { displayName: 'Renamed' });
    expect(name.statusCode).toBe(403);
    expect(name.json().error.message).toContain('displayName');
  });

  it('answers 422 for unknown attributes, 403 to partner users and to vendor staff on this route, and 404 for other partners', async () => {
    const unknown = await pa.patch(`/api/v1/partners/${own.id}/profile`, { customAttributes: { nope: 'x' } });
    expect(unknown.statusCode).toBe(422);
    const pu = await addPartnerPerson(t, prof.workspaceId, own.id, 'partner_user', 'profile');
    expect((await pu.patch(`/api/v1/partners/${own.id}/profile`, { logoUrl: null })).statusCode).toBe(403);
    expect((await prof.people.admin.patch(`/api/v1/partners/${own.id}/profile`, { logoUrl: null })).statusCode).toBe(
      403,
    );
    const another = await createPartner(prof.people.admin, { legalName: 'Another Company' });
    expect((await pa.patch(`/api/v1/partners/${another.id}/profile`, { logoUrl: null })).statusCode).toBe(404);
    expect((await pa.patch(`/api/v1/partners/${own.id}`, { region: 'EU' })).statusCode).toBe(403);
  });
});
