/*
 * C5 leads in the authorization matrix: how to build each lead route's request for one principal × target.
 * Spread into ROUTE_FIXTURES (authz-fixtures.ts). Vendor routes (lead.read / lead.manage / lead.settings) are
 * staff-only, the inbox (lead.work) is partner people's only, so a partner never reaches a routing explanation
 * and vendor staff never act in a partner's name; within the inbox a partner sees only its company's leads.
 */
import { isPartnerRole, type LeadStatus } from '@trellis/contracts';
import { uuidv7 } from 'uuidv7';
import { expect } from 'vitest';
import { leadRoutingDecisions, leads } from '../src/db/schema/index';
import { inScope } from '../src/db/scope';
import type { Case, Place, RequestSpec, RouteFixture, World } from './authz-fixtures';

type Body = Record<string, unknown>;
const rand = () => Math.random().toString(36).slice(2, 8);

const placeOf = (c: Case): Place => {
  if (!c.place) throw new Error('this fixture needs a target');
  return c.place;
};

/** A lead of the place's workspace, held by the place's partner unless it is new or unassigned. */
export async function leadAt(world: World, place: Place, status: LeadStatus = 'offered'): Promise<string> {
  const id = uuidv7();
  const now = world.t.clock.now;
  const held = !(status === 'new' || status === 'unassigned');
  await inScope(world.t.services.db, world.vendorScope(place.workspaceId), (tx) =>
    tx.insert(leads).values({
      id,
      workspaceId: place.workspaceId,
      status,
      company: `Authz Lead ${rand()}`,
      contactName: 'Ilze Kalniņa',
      contactEmail: 'ilze@authz-lead.lv',
      country: 'LV',
      source: 'api',
      searchText: 'authz lead',
      partnerId: held ? place.partnerId : null,
      fallbackQueueId: status === 'unassigned' ? 'default' : null,
      assignedAt: held ? now : null,
      slaDueAt: status === 'offered' ? new Date(now.getTime() + 48 * 3_600_000) : null,
      acceptedAt: held && status !== 'offered' ? now : null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return id;
}

/** A stored decision that assigned the lead to the place's partner. */
async function decisionAt(world: World, place: Place, leadId: string): Promise<string> {
  const id = uuidv7();
  await inScope(world.t.services.db, world.vendorScope(place.workspaceId), (tx) =>
    tx.insert(leadRoutingDecisions).values({
      id,
      workspaceId: place.workspaceId,
      leadId,
      trigger: 'route',
      outcome: 'assigned',
      partnerId: place.partnerId,
      ruleId: null,
      engineVersion: 1,
      explanation: {
        engineVersion: 1,
        outcome: 'assigned',
        ruleId: null,
        ruleName: null,
        strategy: null,
        fallbackQueue: null,
        fallbackReason: null,
        detail: 'full',
        rules: [],
        rulesOmitted: 0,
        candidates: [],
        candidateCounts: { eligible: 1, excluded: 0 },
        candidatesOmitted: 1,
        exclusionCounts: [],
        tieBreak: null,
      },
    }),
  );
  return id;
}

const fixedLeads = new Map<string, string>();
/** One long-lived offered lead per place, for list completeness. */
async function fixedLead(world: World, target: 'own' | 'otherPartner' | 'otherWorkspace'): Promise<string> {
  const key = `${world.A}:${target}`;
  let id = fixedLeads.get(key);
  if (!id) {
    id = await leadAt(world, world.places[target], 'offered');
    fixedLeads.set(key, id);
  }
  return id;
}

/** A fresh lead per case, the request pointing at it and the subject to snapshot. */
const leadCase =
  (status: LeadStatus, body?: (c: Case) => unknown) =>
  async (c: Case): Promise<RequestSpec> => {
    const place = placeOf(c);
    const id = await leadAt(c.world, place, status);
    return {
      params: { id },
      ...(body === undefined ? {} : { body: body(c) }),
      subject: { table: 'leads', id, workspaceId: place.workspaceId },
    };
  };

/** Nothing a partner reads may name another partner or carry the routing explanation. */
const noRoutingLeak = (c: Case, body: unknown) => {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/"candidates"|"decision"|"declinedPartners"|"recalledPartners"|"decisionId":"/);
  expect(text).not.toContain(c.world.P2);
};

const inboxLead = (body: unknown) => (body as { lead: Body }).lead;

export const LEAD_ROUTE_FIXTURES: Record<string, RouteFixture> = {
  // --- vendor side ---
  'GET /api/v1/leads': {
    request: async (c) => {
      await fixedLead(c.world, 'own');
      await fixedLead(c.world, 'otherPartner');
      await fixedLead(c.world, 'otherWorkspace');
      return { query: { limit: 200 } };
    },
    list: {
      table: 'leads',
      partnerColumn: 'partner_id',
      mustInclude: (c) => [fixedLeads.get(`${c.world.A}:own`) ?? 'missing'],
    },
  },
  'POST /api/v1/leads': {
    request: () => ({
      body: {
        company: `Authz New Lead ${rand()}`,
        contactName: 'Jānis Ozols',
        contactEmail: 'janis@authz.lv',
        country: 'LV',
      },
    }),
    ok: 201,
  },
  'GET /api/v1/leads/board': { request: () => ({}) },
  'GET /api/v1/leads/stats': { request: () => ({ query: { days: 30 } }) },
  'GET /api/v1/leads/queue': {
    request: async (c) => {
      await leadAt(c.world, c.world.places.own, 'unassigned');
      await leadAt(c.world, c.world.places.otherWorkspace, 'unassigned');
      return { query: { limit: 200 } };
    },
    list: { table: 'leads', partnerColumn: 'partner_id' },
  },
  'POST /api/v1/leads/bulk-route': {
    // Ids of another workspace's leads are skipped as unknown, never routed.
    request: async (c) => ({ body: { leadIds: [await leadAt(c.world, c.world.places.otherWorkspace, 'new')] } }),
    check: (_c, body) =>
      expect((body as { result: Body }).result).toMatchObject({ routed: 0, skipped: [{ status: null }] }),
  },
  'GET /api/v1/leads/routing-settings': {
    request: () => ({}),
    check: (_c, body) => expect((body as { settings: Body }).settings.sla).toMatchObject({ hours: 48 }),
  },
  'PUT /api/v1/leads/routing-settings': {
    request: () => ({ body: { hideContactUntilAccepted: true } }),
  },
  'GET /api/v1/leads/partner-profiles/:partnerId': {
    targetIn: 'param',
    request: (c) => ({ params: { partnerId: placeOf(c).partnerId } }),
    missing: (_c, req) => ({ ...req, params: { partnerId: uuidv7() } }),
  },
  'PUT /api/v1/leads/partner-profiles/:partnerId': {
    targetIn: 'param',
    request: (c) => ({ params: { partnerId: placeOf(c).partnerId }, body: { languages: ['lv'], capacity: 20 } }),
    missing: (_c, req) => ({ ...req, params: { partnerId: uuidv7() } }),
  },
  'GET /api/v1/leads/:id': {
    targetIn: 'param',
    request: leadCase('offered'),
    check: (c, body) => expect((body as { lead: { partner: Body } }).lead.partner.id).toBe(placeOf(c).partnerId),
  },
  'GET /api/v1/leads/:id/decisions/:decisionId': {
    targetIn: 'param',
    request: async (c) => {
      const place = placeOf(c);
      const id = await leadAt(c.world, place, 'offered');
      return { params: { id, decisionId: await decisionAt(c.world, place, id) } };
    },
    missing: (_c, req) => ({ ...req, params: { ...req.params, decisionId: uuidv7() } }),
    check: (c, body) =>
      expect((body as { decision: { partner: Body } }).decision.partner.id).toBe(placeOf(c).partnerId),
  },
  'PATCH /api/v1/leads/:id': {
    targetIn: 'param',
    request: leadCase('offered', () => ({ notes: 'authorization matrix' })),
  },
  'POST /api/v1/leads/:id/route': {
    targetIn: 'param',
    request: leadCase('new'),
  },
  'POST /api/v1/leads/:id/assign': {
    targetIn: 'param',
    request: leadCase('new', (c) => ({ partnerId: placeOf(c).partnerId })),
    check: (c, body) => expect((body as { lead: { partner: Body } }).lead.partner.id).toBe(placeOf(c).partnerId),
  },
  'POST /api/v1/leads/:id/recall': {
    targetIn: 'param',
    request: leadCase('offered', () => ({ reroute: false })),
    check: (_c, body) => expect((body as { lead: Body }).lead.status).toBe('unassigned'),
  },
  // --- partner side: only the company holding the lead ---
  'GET /api/v1/lead-inbox': {
    request: async (c) => {
      await fixedLead(c.world, 'own');
      await fixedLead(c.world, 'otherPartner');
      await fixedLead(c.world, 'otherWorkspace');
      return { query: { limit: 200 } };
    },
    list: {
      table: 'leads',
      partnerColumn: 'partner_id',
      mustInclude: (c) => [fixedLeads.get(`${c.world.A}:own`) ?? 'missing'],
    },
    check: (c, body) => {
      noRoutingLeak(c, body);
      for (const l of (body as { data: Body[] }).data) if (l.status === 'offered') expect(l.contact).toBeNull();
    },
  },
  'GET /api/v1/lead-inbox/:id': {
    targetIn: 'param',
    request: leadCase('offered'),
    check: (c, body) => {
      noRoutingLeak(c, body);
      expect(inboxLead(body)).toMatchObject({ contact: null, contactHidden: true });
    },
  },
  'POST /api/v1/lead-inbox/:id/accept': {
    targetIn: 'param',
    request: leadCase('offered'),
    check: (c, body) => {
      noRoutingLeak(c, body);
      expect(inboxLead(body)).toMatchObject({ status: 'accepted', contact: { email: 'ilze@authz-lead.lv' } });
    },
  },
  'POST /api/v1/lead-inbox/:id/decline': {
    targetIn: 'param',
    request: leadCase('offered', () => ({ reasonCode: 'not_a_fit' })),
  },
  'POST /api/v1/lead-inbox/:id/status': {
    targetIn: 'param',
    request: leadCase('accepted', () => ({ status: 'contacted' })),
    check: (_c, body) => expect(inboxLead(body).status).toBe('contacted'),
  },
  'POST /api/v1/lead-inbox/:id/convert': {
    targetIn: 'param',
    request: leadCase('accepted', () => ({})),
    ok: 201,
    check: (c, body) => {
      const r = body as { lead: Body; dealStatus: string };
      expect(r).toMatchObject({ dealStatus: 'draft', lead: { status: 'converted' } });
      if (!isPartnerRole(c.principal as never)) throw new Error('only partner people convert');
    },
  },
  // --- web-to-lead: public, answers alike whatever the caller ---
  'POST /api/v1/public/workspaces/:workspace/leads': {
    request: (c) => ({
      params: { workspace: c.world.A },
      body: { company: `Authz Web ${rand()}`, name: 'Anna Liepa', email: `anna.${rand()}@authz.lv`, country: 'LV' },
    }),
    publicStatus: 202,
  },
};
