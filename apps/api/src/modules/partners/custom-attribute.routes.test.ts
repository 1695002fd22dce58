import type { CustomAttributeDefinition } from '@trellis/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartnerPerson, createTestApp, seedWorkspace, type TestApp } from '../../../test/harness';
import { createAttribute, createPartner, issuePaths, UNKNOWN_ID } from '../../../test/partner-fixtures';

let t: TestApp;
let ws: Awaited<ReturnType<typeof seedWorkspace>>;

beforeAll(async () => {
  t = await createTestApp();
  ws = await seedWorkspace(t, 'Definitions Co');
});
afterAll(async () => t?.close());

const definitions = async () => {
  const res = await ws.people.viewer.get('/api/v1/custom-attributes');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as CustomAttributeDefinition[];
};

describe('custom attribute definitions', () => {
  it('creates typed definitions with defaults and lists them by key', async () => {
    const res = await ws.people.admin.post('/api/v1/custom-attributes', {
      key: 'region_code',
      label: 'Region code',
      type: 'select',
      options: ['north', 'south', 'south'],
      partnerEditable: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().attribute).toMatchObject({
      key: 'region_code',
      type: 'select',
      options: ['north', 'south'],
      required: false,
      partnerEditable: true,
    });
    await createAttribute(ws.people.admin, { key: 'annual_target', label: 'Annual target', type: 'number' });
    expect((await definitions()).map((d) => d.key)).toEqual(['annual_target', 'region_code']);
    const audit = await ws.people.admin.get(`/api/v1/audit-log?action=custom_attribute.created`);
    expect(audit.json().data).toHaveLength(2);
  });

  it('refuses bad definitions, listing every problem', async () => {
    const res = await ws.people.admin.post('/api/v1/custom-attributes', {
      key: 'Bad Key',
      label: '',
      type: 'colour',
      required: 'yes',
    });
    expect(res.statusCode).toBe(422);
    expect(issuePaths(res)).toEqual(['body.key', 'body.label', 'body.required', 'body.type']);
    const noOptions = await ws.people.admin.post('/api/v1/custom-attributes', {
      key: 'tier_hint',
      label: 'x',
      type: 'select',
    });
    expect(issuePaths(noOptions)).toEqual(['body.options']);
    const stray = await ws.people.admin.post('/api/v1/custom-attributes', {
      key: 'note',
      label: 'Note',
      type: 'text',
      options: ['a'],
    });
    expect(issuePaths(stray)).toEqual(['body.options']);
  });

  it('answers 409 for a key that exists', async () => {
    await createAttribute(ws.people.admin, { key: 'erp_code', label: 'ERP', type: 'text' });
    const res = await ws.people.admin.post('/api/v1/custom-attributes', {
      key: 'erp_code',
      label: 'Again',
      type: 'text',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
  });

  it('updates label, options and flags; refuses emptying a select', async () => {
    const def = await createAttribute(ws.people.admin, { key: 'plan', label: 'Plan', type: 'select', options: ['a'] });
    const res = await ws.people.admin.patch(`/api/v1/custom-attributes/${def.id}`, {
      label: 'Support plan',
      options: ['basic', 'premium'],
      required: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attribute).toMatchObject({
      label: 'Support plan',
      options: ['basic', 'premium'],
      required: true,
    });
    const empty = await ws.people.admin.patch(`/api/v1/custom-attributes/${def.id}`, { options: [] });
    expect(issuePaths(empty)).toEqual(['body.options']);
    const keyChange = await ws.people.admin.patch(`/api/v1/custom-attributes/${def.id}`, { key: 'other' });
    expect(keyChange.statusCode).toBe(422);
    const back = await ws.people.admin.patch(`/api/v1/custom-attributes/${def.id}`, { required: false });
    expect(back.statusCode).toBe(200);
    expect((await ws.people.admin.patch(`/api/v1/custom-attributes/${UNKNOWN_ID}`, { label: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('deletes a definition and removes its values from every partner', async () => {
    const def = await createAttribute(ws.people.admin, { key: 'legacy_id', label: 'Legacy', type: 'text' });
    const p = await createPartner(ws.people.admin, { customAttributes: { legacy_id: 'L-1', erp_code: 'E-1' } });
    const res = await ws.people.admin.delete(`/api/v1/custom-attributes/${def.id}`);
    expect(res.statusCode).toBe(204);
    expect((await definitions()).map((d) => d.key)).not.toContain('legacy_id');
    const after = await ws.people.admin.get(`/api/v1/partners/${p.id}`);
    expect(after.json().partner.customAttributes).toEqual({ erp_code: 'E-1' });
    const edit = await ws.people.admin.patch(`/api/v1/partners/${p.id}`, { customAttributes: { erp_code: 'E-2' } });
    expect(edit.statusCode, edit.body).toBe(200);
    const audit = await ws.people.admin.get(`/api/v1/audit-log?action=custom_attribute.deleted&targetId=${def.id}`);
    expect(audit.json().data[0].after).toEqual({ valuesRemovedFromPartners: 1 });
    expect((await ws.people.admin.delete(`/api/v1/custom-attributes/${def.id}`)).statusCode).toBe(404);
  });

  it('lets every role read definitions and only attribute managers change them', async () => {
    const p = await createPartner(ws.people.admin);
    const pu = await addPartnerPerson(t, ws.workspaceId, p.id, 'partner_user', 'defs');
    expect((await pu.get('/api/v1/custom-attributes')).statusCode).toBe(200);
    for (const client of [ws.people.channel_manager, ws.people.viewer, pu]) {
      const res = await client.post('/api/v1/custom-attributes', { key: 'nope', label: 'Nope', type: 'text' });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('custom attributes on partners', () => {
  let attrs: Awaited<ReturnType<typeof seedWorkspace>>;
  beforeAll(async () => {
    attrs = await seedWorkspace(t, 'Attribute Co');
    const { admin } = attrs.people;
    await createAttribute(admin, { key: 'crm_id', label: 'CRM id', type: 'text', required: true });
    await createAttribute(admin, { key: 'employees', label: 'Employees', type: 'number' });
    await createAttribute(admin, { key: 'signed_on', label: 'Signed on', type: 'date' });
    await createAttribute(admin, { key: 'segment', label: 'Segment', type: 'select', options: ['smb', 'enterprise'] });
  });

  it('stores typed values', async () => {
    const p = await createPartner(attrs.people.admin, {
      customAttributes: { crm_id: 'SF-001', employees: 120, signed_on: '2025-03-31', segment: 'enterprise' },
    });
    expect(p.customAttributes).toEqual({
      crm_id: 'SF-001',
      employees: 120,
      signed_on: '2025-03-31',
      segment: 'enterprise',
    });
  });

  it('lists every bad value, the missing required one and unknown keys', async () => {
    const res = await attrs.people.admin.post('/api/v1/partners', {
      legalName: 'Bad Attributes Ltd',
      country: 'LV',
      type: 'si',
      customAttributes: { employees: 'many', signed_on: '2025-02-30', segment: 'giant', shoe_size: 44 },
    });
    expect(res.statusCode).toBe(422);
    expect(issuePaths(res)).toEqual([
      'body.customAttributes.crm_id',
      'body.customAttributes.employees',
      'body.customAttributes.segment',
      'body.customAttributes.shoe_size',
      'body.customAttributes.signed_on',
    ]);
  });

  it('merges a patch, removes a value with null and refuses clearing a required one', async () => {
    const p = await createPartner(attrs.people.admin, { customAttributes: { crm_id: 'SF-2', employees: 5 } });
    const merged = await attrs.people.admin.patch(`/api/v1/partners/${p.id}`, {
      customAttributes: { segment: 'smb', employees: null },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().partner.customAttributes).toEqual({ crm_id: 'SF-2', segment: 'smb' });
    const cleared = await attrs.people.admin.patch(`/api/v1/partners/${p.id}`, { customAttributes: { crm_id: null } });
    expect(cleared.statusCode).toBe(422);
    expect(issuePaths(cleared)).toEqual(['body.customAttributes.crm_id']);
  });
});
