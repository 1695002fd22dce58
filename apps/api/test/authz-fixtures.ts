/*
 * The authorization matrix's fixture world and, per route key "METHOD /path" of services.routes, how to
 * build a valid request for one principal × target (ARCHITECTURE §3.6, reliability-anchors §2.1).
 *
 * Targets say where the record a route points at lives:
 *   own            workspace A, partner P1 — the partner principals' own company
 *   otherPartner   workspace A, partner P2 — another company in the same program
 *   otherWorkspace workspace B, partner PB — another vendor's program
 * Vendor principals are staff of A; partner principals are people of P1. A route whose fixture names no
 * target runs once per principal. Expected outcomes are derived in authz-matrix.test.ts from the route's
 * declared auth and ROLE_PERMISSIONS; an entry here only adds what the route table cannot know (the body,
 * which record fills :id, a documented 4xx, extra checks on success).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isPartnerRole, type Role, RoleValues } from '@trellis/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { expect } from 'vitest';
import {
  auditLog,
  contacts,
  customAttributeDefinitions,
  customerAccounts,
  dealRegistrations,
  imports,
  invitations,
  notifications,
  opportunities,
  partnerEvents,
  partners,
  savedViews,
  tiers,
  users,
} from '../src/db/schema/index';
import { inScope, type Scope } from '../src/db/scope';
import { prepareRecord } from '../src/modules/deals/matching/index';
import { addMembership, createWorkspace, ensureUser } from '../src/modules/people/bootstrap';
import { ensureStages } from '../src/modules/pipeline/pipeline.service';
import { LEAD_ROUTE_FIXTURES } from './authz-leads';
import { PASSWORD, type TestApp } from './harness';

export type Principal = Role | 'anonymous';
export const PRINCIPALS: readonly Principal[] = ['anonymous', ...RoleValues];
export const TARGETS = ['own', 'otherPartner', 'otherWorkspace'] as const;
export type Target = (typeof TARGETS)[number];

/** Where a target's record lives. */
export type Place = { workspaceId: string; partnerId: string; target: Target };

/** A signed-in principal: headers to send. No cookie jar, so no response can swap the session. */
export type Session = { userId: string; email: string; headers: Record<string, string> };

let ipCounter = 0;
/** Every request gets its own client address, so per-route rate limits never count matrix cases together. */
export function nextIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export async function signInSession(app: FastifyInstance, email: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password: PASSWORD },
    remoteAddress: nextIp(),
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const jar = new Map(res.cookies.map((c) => [c.name, c.value]));
  return {
    userId: res.json().me.user.id,
    email,
    headers: {
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': jar.get('trellis_csrf') ?? '',
    },
  };
}

const rand = () => Math.random().toString(36).slice(2, 8);
export const uniqueEmail = (tag: string) => `${tag}.${Date.now().toString(36)}${rand()}@authz.example`;
export const IMPORT_CSV = 'legalName,country,type\r\nAuthz Import Ltd,VN,reseller\r\n';
const IMPORT_MAPPING = { legalName: 'legalName', country: 'country', type: 'type' };
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * Workspace A (vendor staff in every vendor role; partners P1 and P2 with people, contacts, invitations)
 * and workspace B (its own admin, partner PB and the same kinds of rows).
 */
export async function buildWorld(t: TestApp) {
  const { db } = t.services;
  const vendorScope = (workspaceId: string, userId: string | null = null): Scope => ({
    workspaceId,
    userId,
    partnerId: null,
    kind: 'vendor',
  });

  async function workspace(name: string): Promise<string> {
    return createWorkspace(t.services, {
      name,
      slug: `${name.toLowerCase()}-${rand()}`,
      baseCurrency: 'USD',
      defaultLocale: 'en',
      timeZone: 'UTC',
    });
  }

  /** A person who never signs in: inserted directly, no password hashing. */
  async function person(tag: string): Promise<string> {
    const id = uuidv7();
    await db.insert(users).values({ id, name: `${tag} person`, email: uniqueEmail(tag) });
    return id;
  }

  const make = {
    async partner(workspaceId: string, name = `Partner ${rand()}`): Promise<string> {
      const id = uuidv7();
      await inScope(db, vendorScope(workspaceId), (tx) =>
        tx.insert(partners).values({
          id,
          workspaceId,
          legalName: `${name} Ltd`,
          displayName: name,
          searchName: name.toLowerCase(),
          country: 'LV',
          type: 'reseller',
          status: 'active',
        }),
      );
      return id;
    },
    /** A partner_user membership at the place, for a new person. */
    async member(place: Place, role: Role = 'partner_user'): Promise<string> {
      const userId = await person('member');
      return addMembership(t.services, {
        workspaceId: place.workspaceId,
        userId,
        role,
        partnerId: isPartnerRole(role) ? place.partnerId : null,
      });
    },
    /** A pending invitation to a new address at the place; the token is known so it can be used. */
    async invitation(place: Place): Promise<{ id: string; token: string; email: string }> {
      const id = uuidv7();
      const token = randomBytes(32).toString('base64url');
      const email = uniqueEmail('invitee');
      await inScope(db, vendorScope(place.workspaceId), (tx) =>
        tx.insert(invitations).values({
          id,
          workspaceId: place.workspaceId,
          email,
          role: 'partner_user',
          partnerId: place.partnerId,
          tokenHash: hashToken(token),
          expiresAt: new Date(t.clock.now.getTime() + 72 * 3600_000),
          createdAt: t.clock.now,
        }),
      );
      return { id, token, email };
    },
    async contact(place: Place): Promise<string> {
      const id = uuidv7();
      await inScope(db, vendorScope(place.workspaceId), (tx) =>
        tx.insert(contacts).values({
          id,
          workspaceId: place.workspaceId,
          partnerId: place.partnerId,
          firstName: 'Jānis',
          lastName: 'Bērziņš',
          email: uniqueEmail('contact'),
        }),
      );
      return id;
    },
    async event(place: Place): Promise<string> {
      const id = uuidv7();
      await inScope(db, vendorScope(place.workspaceId), (tx) =>
        tx.insert(partnerEvents).values({
          id,
          workspaceId: place.workspaceId,
          partnerId: place.partnerId,
          type: 'authz.probe',
          data: {},
        }),
      );
      return id;
    },
    async notification(workspaceId: string, userId: string): Promise<string> {
      const id = uuidv7();
      await inScope(db, vendorScope(workspaceId), (tx) =>
        tx.insert(notifications).values({ id, workspaceId, userId, type: 'authz.probe', data: {} }),
      );
      return id;
    },
    async tier(workspaceId: string): Promise<string> {
      const id = uuidv7();
      await inScope(db, vendorScope(workspaceId), (tx) =>
        tx.insert(tiers).values({
          id,
          workspaceId,
          name: `Tier ${rand()}`,
          rank: 500 + Math.floor(Math.random() * 400),
          benefits: {
            discountPercent: 0,
            dealProtectionDays: 90,
            mdfAllocation: null,
            commissionRatePercent: 0,
            leadPriority: 0,
          },
        }),
      );
      return id;
    },
    async attribute(workspaceId: string): Promise<string> {
      const id = uuidv7();
      await inScope(db, vendorScope(workspaceId), (tx) =>
        tx.insert(customAttributeDefinitions).values({
          id,
          workspaceId,
          key: `k_${rand()}`,
          label: 'Probe',
          type: 'text',
        }),
      );
      return id;
    },
    async savedView(workspaceId: string, userId: string): Promise<string> {
      const id = uuidv7();
      await inScope(db, vendorScope(workspaceId, userId), (tx) =>
        tx.insert(savedViews).values({ id, workspaceId, userId, name: `View ${rand()}`, query: {} }),
      );
      return id;
    },
    async audit(workspaceId: string): Promise<string> {
      const id = uuidv7();
      await inScope(db, vendorScope(workspaceId), (tx) =>
        tx.insert(auditLog).values({ id, workspaceId, action: 'authz.probe', targetType: 'authz-probe', targetId: id }),
      );
      return id;
    },
    /** A stored CSV import of one partner row, as POST /imports leaves it (or after a dry run). */
    async import(
      workspaceId: string,
      createdBy: string,
      status: 'uploaded' | 'validated' = 'uploaded',
    ): Promise<string> {
      const id = uuidv7();
      await inScope(db, vendorScope(workspaceId), (tx) =>
        tx.insert(imports).values({
          id,
          workspaceId,
          kind: 'partners',
          status,
          fileName: 'partners.csv',
          content: IMPORT_CSV,
          headers: ['legalName', 'country', 'type'],
          mapping: IMPORT_MAPPING,
          totalRows: 1,
          errorCount: 1,
          errors: [{ row: 2, field: null, message: 'authorization matrix probe' }],
          createdBy,
        }),
      );
      return id;
    },
    person,
  };

  // --- Workspace A: vendor staff, P1 (own) and P2 (another partner) ---
  const A = await workspace('Northwind');
  const P1 = await make.partner(A, 'Saigon Digital');
  const P2 = await make.partner(A, 'Riga Cloud');
  // --- Workspace B ---
  const B = await workspace('Contoso');
  const PB = await make.partner(B, 'Taipei Systems');

  const places: Record<Target, Place> = {
    own: { workspaceId: A, partnerId: P1, target: 'own' },
    otherPartner: { workspaceId: A, partnerId: P2, target: 'otherPartner' },
    otherWorkspace: { workspaceId: B, partnerId: PB, target: 'otherWorkspace' },
  };

  const sessions = {} as Record<Role, Session>;
  for (const role of RoleValues) {
    const email = uniqueEmail(role);
    const userId = await ensureUser(t.services, { email, name: `${role} principal`, password: PASSWORD });
    await addMembership(t.services, { workspaceId: A, userId, role, partnerId: isPartnerRole(role) ? P1 : null });
    sessions[role] = await signInSession(t.app, email);
  }
  // Someone who signs in during the matrix (POST /auth/sign-in), so no principal's session changes.
  const signInProbe = uniqueEmail('signin');
  const probeId = await ensureUser(t.services, { email: signInProbe, name: 'Sign-in probe', password: PASSWORD });
  await addMembership(t.services, { workspaceId: A, userId: probeId, role: 'viewer' });

  /** People of P2 and of B, and B's admin: owners of "someone else's" per-person rows. */
  const otherPeople = {
    otherPartner: await person('p2-user'),
    otherWorkspace: await person('b-admin'),
  };
  await addMembership(t.services, {
    workspaceId: A,
    userId: otherPeople.otherPartner,
    role: 'partner_user',
    partnerId: P2,
  });
  await addMembership(t.services, { workspaceId: B, userId: otherPeople.otherWorkspace, role: 'admin' });

  /** Long-lived rows per place, for read routes and list completeness. */
  const fixed = {} as Record<
    Target,
    { member: string; invitation: string; contact: string; event: string; tier: string; attribute: string }
  >;
  for (const target of TARGETS) {
    const place = places[target];
    fixed[target] = {
      member: await make.member(place),
      invitation: (await make.invitation(place)).id,
      contact: await make.contact(place),
      event: await make.event(place),
      tier: await make.tier(place.workspaceId),
      attribute: await make.attribute(place.workspaceId),
    };
  }
  const audit = { own: await make.audit(A), otherWorkspace: await make.audit(B) };
  const fixedImports = {
    own: await make.import(A, sessions.admin.userId),
    otherWorkspace: await make.import(B, otherPeople.otherWorkspace),
  };
  /** Who uploads a fresh import at a place. */
  const importerAt = (workspaceId: string) => (workspaceId === A ? sessions.admin.userId : otherPeople.otherWorkspace);
  /** Per person: each principal's own notification and saved view; and those of others. */
  const notificationsOf = {} as Record<Role, string>;
  const savedViewsOf = {} as Record<Role, string>;
  for (const role of RoleValues) {
    notificationsOf[role] = await make.notification(A, sessions[role].userId);
    savedViewsOf[role] = await make.savedView(A, sessions[role].userId);
  }
  const foreignNotifications = {
    otherPartner: await make.notification(A, otherPeople.otherPartner),
    otherWorkspace: await make.notification(B, otherPeople.otherWorkspace),
  };
  const foreignSavedViews = {
    otherPartner: await make.savedView(A, otherPeople.otherPartner),
    otherWorkspace: await make.savedView(B, otherPeople.otherWorkspace),
  };

  /** The user who owns per-person rows at a target, from the principal's point of view. */
  const personAt = (c: Case): string => {
    if (c.target === 'otherPartner' || c.target === 'otherWorkspace') return otherPeople[c.target];
    if (c.principal === 'anonymous') return otherPeople.otherPartner;
    return sessions[c.principal].userId;
  };

  return {
    t,
    A,
    B,
    P1,
    P2,
    PB,
    places,
    sessions,
    signInProbe,
    otherPeople,
    fixed,
    audit,
    fixedImports,
    importerAt,
    notificationsOf,
    savedViewsOf,
    foreignNotifications,
    foreignSavedViews,
    personAt,
    make,
    vendorScope,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Route fixtures

export type Case = { principal: Principal; target: Target | null; place: Place | null; world: World };

/** A row the request points at: snapshotted before and compared after every refused (403/404) case. */
export type Subject = { table: string; id: string; workspaceId: string; userId?: string };

export type RequestSpec = {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  /** A non-JSON body (multipart uploads). */
  raw?: { contentType: string; payload: string };
  subject?: Subject;
  /** Sign the principal in again for this case only (sign-out would end the shared session). */
  freshSession?: boolean;
};

/** Which rows a list may return: checked against the database, by id, for every successful case. */
export type ListCheck = {
  table: string;
  /** the column naming the company ('id' for partners); absent for workspace-wide rows */
  partnerColumn?: string;
  /** per-person rows: only the principal's own */
  userColumn?: string;
  /** How to read the ids from a non-JSON answer (CSV exports); default: body.data[].id */
  idsFromText?(text: string): string[];
  /** ids that must be in the first page (so a list that returns nothing cannot pass) */
  mustInclude?(c: Case): string[];
};

export type RouteFixture = {
  /**
   * Where the record the request points at is named: a path parameter (out of scope → 404), a body
   * field (out of scope → 404) or a list filter in the query (out of scope → 200 and nothing foreign).
   */
  targetIn?: 'param' | 'body' | 'query';
  /** Targets that make sense for this route (default: all three when targetIn is set). */
  targets?: readonly Target[];
  /**
   * Who sees a target: 'tenant' (vendor staff the whole workspace, partner people their own company),
   * 'workspace' (everyone in the workspace: program data) or 'person' (only its owner).
   */
  visibility?: Visibility;
  request(c: Case): RequestSpec | Promise<RequestSpec>;
  /** Success status (default 200). */
  ok?: number;
  /**
   * Status for a record out of scope (default 404). A body reference may answer 422 naming the field,
   * provided the answer is the same as for an id that does not exist (checked with `missing`).
   */
  outOfScope?: number;
  /** The same request pointing at an id that exists nowhere (default: a random :id). */
  missing?(c: Case, req: RequestSpec): RequestSpec;
  /** Public routes: the status every principal gets (default ok). */
  publicStatus?: number;
  /** A documented non-2xx for an allowed, visible case (state or body reasons, or a policy 403). */
  allowed?(c: Case): number | undefined;
  list?: ListCheck;
  /** Extra assertions on a successful response. */
  check?(c: Case, body: unknown): void | Promise<void>;
};

type Body = Record<string, unknown>;
const importAt = (c: Case): string =>
  c.target === 'otherWorkspace' ? c.world.fixedImports.otherWorkspace : c.world.fixedImports.own;

/** A multipart/form-data body with text fields and one file part. */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; content: string },
): { contentType: string; payload: string } {
  const boundary = `authz${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n`,
  );
  return { contentType: `multipart/form-data; boundary=${boundary}`, payload: `${parts.join('')}--${boundary}--\r\n` };
}

/** The ids in the first column of a CSV export (after the header). */
export const csvIds = (text: string): string[] =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .map((line) => /^"?([0-9a-f-]{36})"?,/i.exec(line)?.[1])
    .filter((id): id is string => Boolean(id));
const role = (c: Case): Role => {
  if (c.principal === 'anonymous') throw new Error('no role for anonymous');
  return c.principal;
};
const placeOf = (c: Case): Place => {
  if (!c.place) throw new Error('this fixture needs a target');
  return c.place;
};
/** A per-person target: the principal's own row, another person's in A, or one in B. */
const personTargets = ['own', 'otherPartner', 'otherWorkspace'] as const;
const workspaceTargets = ['own', 'otherWorkspace'] as const;

export type Visibility = 'tenant' | 'workspace' | 'person';

/** Whether the case's target is in the principal's scope (ARCHITECTURE §3.3: out of scope is 404). */
export function isVisible(c: Pick<Case, 'principal' | 'target'>, visibility: Visibility): boolean {
  if (c.target === null || c.target === 'own') return true;
  if (c.target === 'otherWorkspace') return false;
  if (visibility === 'workspace') return true;
  if (visibility === 'person') return false;
  return c.principal !== 'anonymous' && !isPartnerRole(c.principal);
}

// --- C4 rows made on demand (deal registrations, accounts, opportunities) ---

/** A customer account of the place's workspace. */
async function accountAt(c: Case): Promise<string> {
  const { workspaceId } = placeOf(c);
  const id = uuidv7();
  const name = `Authz Customer ${rand()}`;
  await inScope(c.world.t.services.db, c.world.vendorScope(workspaceId), (tx) =>
    tx.insert(customerAccounts).values({
      id,
      workspaceId,
      name,
      country: 'LV',
      searchName: name.toLowerCase(),
      matchProfile: prepareRecord({ name, country: 'LV' }),
    }),
  );
  return id;
}

async function opportunityAt(c: Case): Promise<string> {
  const { workspaceId } = placeOf(c);
  const id = uuidv7();
  const name = `Authz Prospect ${rand()}`;
  await inScope(c.world.t.services.db, c.world.vendorScope(workspaceId), (tx) =>
    tx.insert(opportunities).values({
      id,
      workspaceId,
      name: 'Direct deal',
      customerName: name,
      country: 'LV',
      matchProfile: prepareRecord({ name, country: 'LV' }),
    }),
  );
  return id;
}

/** A registration of the place's partner in the given state, complete enough to submit. */
async function dealAt(
  world: World,
  place: Place,
  status: 'draft' | 'submitted' | 'approved' = 'draft',
): Promise<string> {
  const id = uuidv7();
  const name = `Authz Deal Customer ${rand()}`;
  const now = world.t.clock.now;
  await inScope(world.t.services.db, world.vendorScope(place.workspaceId), (tx) =>
    tx.insert(dealRegistrations).values({
      id,
      workspaceId: place.workspaceId,
      partnerId: place.partnerId,
      status,
      customerName: name,
      customerCountry: 'LV',
      contact: { firstName: 'Ilze', lastName: 'Kalniņa', email: 'ilze@example.com' },
      products: [{ product: 'Router', quantity: 2, amount: { amountMinor: 150_000, currency: 'EUR' } }],
      totalAmountMinor: 150_000,
      totalCurrency: 'EUR',
      expectedCloseDate: new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
      matchProfile: prepareRecord({ name, country: 'LV' }),
      ...(status === 'draft' ? {} : { submittedAt: now, firstSubmittedAt: now }),
      ...(status === 'approved' ? { decidedAt: now, protectedUntil: new Date(now.getTime() + 90 * 86_400_000) } : {}),
    }),
  );
  return id;
}

const fixedDeals = new Map<string, string>();
/** One long-lived registration per place, for reads and list completeness. */
async function fixedDeal(world: World, target: Target): Promise<string> {
  const key = `${world.A}:${target}`;
  let id = fixedDeals.get(key);
  if (!id) {
    id = await dealAt(world, world.places[target], 'submitted');
    fixedDeals.set(key, id);
  }
  return id;
}

/** A fresh registration per case, the request pointing at it and the subject to snapshot. */
const dealCase =
  (status: 'draft' | 'submitted' | 'approved', body?: unknown) =>
  async (c: Case): Promise<RequestSpec> => {
    const id = await dealAt(c.world, placeOf(c), status);
    return {
      params: { id },
      ...(body === undefined ? {} : { body }),
      subject: { table: 'deal_registrations', id, workspaceId: placeOf(c).workspaceId },
    };
  };

/** The attachment each case made, by principal and target, for its list and download checks. */
const caseAttachments = new Map<string, string>();
const caseKey = (c: Case) => `${c.principal}:${c.target ?? '-'}`;
/** A file (the 5 bytes "%PDF-") on a fresh draft registration of the case's place. */
async function attachmentAt(c: Case): Promise<{ registrationId: string; id: string; workspaceId: string }> {
  const place = placeOf(c);
  const registrationId = await dealAt(c.world, place, 'draft');
  const id = uuidv7();
  await inScope(c.world.t.services.db, c.world.vendorScope(place.workspaceId), (tx) =>
    tx.execute(sql`INSERT INTO deal_attachments (workspace_id, id, registration_id, partner_id, file_name, media_type,
        size_bytes, sha256, content)
      VALUES (${place.workspaceId}, ${id}, ${registrationId}, ${place.partnerId}, 'Báo giá.pdf', 'application/pdf', 5,
        ${createHash('sha256').update('%PDF-').digest('hex')}, decode('255044462d', 'hex'))`),
  );
  caseAttachments.set(caseKey(c), id);
  return { registrationId, id, workspaceId: place.workspaceId };
}

// --- C6 pipeline rows made on demand (stages, approved registrations, exchange rates) ---

/** The stages of a workspace in order (the defaults are made on first use). */
async function stagesIn(world: World, workspaceId: string): Promise<{ id: string; kind: string }[]> {
  await ensureStages(world.t.services, workspaceId, world.t.clock.now);
  const res = await inScope(world.t.services.db, world.vendorScope(workspaceId), (tx) =>
    tx.execute(sql`SELECT id::text AS id, kind FROM pipeline_stages WHERE workspace_id = ${workspaceId}
      ORDER BY position, id`),
  );
  return res.rows as { id: string; kind: string }[];
}

/** A fresh, empty open stage in the place's workspace. */
async function stageAt(c: Case): Promise<string> {
  const { workspaceId } = placeOf(c);
  await stagesIn(c.world, workspaceId);
  const id = uuidv7();
  await inScope(c.world.t.services.db, c.world.vendorScope(workspaceId), (tx) =>
    tx.execute(sql`INSERT INTO pipeline_stages (workspace_id, id, name, kind, probability, position)
      VALUES (${workspaceId}, ${id}, ${`Authz stage ${rand()}`}, 'open', 30, 1000)`),
  );
  return id;
}

let rateDay = 0;
/** A manual rate in the place's workspace on a date no other fixture uses. */
async function rateAt(workspaceId: string, world: World): Promise<string> {
  const id = uuidv7();
  rateDay++;
  const date = new Date(Date.UTC(2020, 0, 1) + rateDay * 86_400_000).toISOString().slice(0, 10);
  await inScope(world.t.services.db, world.vendorScope(workspaceId), (tx) =>
    tx.execute(sql`INSERT INTO exchange_rates (workspace_id, id, base, quote, rate, rate_date, source)
      VALUES (${workspaceId}, ${id}, 'USD', 'VND', 25000, ${date}::date, 'manual')`),
  );
  return id;
}
const fixedRates = new Map<string, string>();
async function fixedRate(world: World): Promise<string> {
  let id = fixedRates.get(world.A);
  if (!id) {
    id = await rateAt(world.A, world);
    fixedRates.set(world.A, id);
  }
  return id;
}

const fixedApproved = new Map<string, string>();
/** One long-lived approved registration per place: what the pipeline lists. */
async function fixedApprovedDeal(world: World, target: Target): Promise<string> {
  const key = `${world.A}:${target}`;
  let id = fixedApproved.get(key);
  if (!id) {
    id = await dealAt(world, world.places[target], 'approved');
    fixedApproved.set(key, id);
  }
  return id;
}

const ECB_SAMPLE = readFileSync(
  new URL('../src/modules/pipeline/fixtures/eurofxref-daily-sample.xml', import.meta.url),
  'utf8',
);

const DEAL_DRAFT = {
  customer: { name: 'Baltic Freight SIA', domain: 'balticfreight.lv', country: 'LV' },
  contact: { firstName: 'Andris', lastName: 'Liepa', email: 'andris@balticfreight.lv' },
  products: [{ product: 'Switch', quantity: 4, amount: { amountMinor: 99_900, currency: 'EUR' } }],
};

export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  // --- C5: leads (vendor routes, the partner inbox, web-to-lead): apps/api/test/authz-leads.ts ---
  ...LEAD_ROUTE_FIXTURES,
  // --- platform ---
  'GET /healthz': { request: () => ({}) },
  'GET /readyz': { request: () => ({}) },

  // --- sign-in and profile ---
  'POST /api/v1/auth/sign-in': {
    request: (c) => ({ body: { email: c.world.signInProbe, password: PASSWORD } }),
    check: (c, body) => expect((body as { me: { user: Body } }).me.user.email).toBe(c.world.signInProbe),
  },
  'POST /api/v1/auth/sign-out': { request: () => ({ freshSession: true }), ok: 204 },
  'POST /api/v1/auth/password-reset/request': {
    request: () => ({ body: { email: uniqueEmail('nobody') } }),
    ok: 202,
  },
  'POST /api/v1/auth/password-reset/confirm': {
    // No valid reset token exists outside the e-mail flow (covered in people.routes.test.ts): an unknown
    // token is the documented 400 invalid_token, the same for every principal.
    request: () => ({ body: { token: randomBytes(24).toString('base64url'), password: 'a-long-enough-password' } }),
    publicStatus: 400,
  },
  'GET /api/v1/me': {
    request: () => ({}),
    check: (c, body) => expect((body as { me: { user: Body } }).me.user.id).toBe(c.world.sessions[role(c)].userId),
  },
  'PATCH /api/v1/me': { request: () => ({ body: { timeZone: 'Europe/Riga' } }) },
  'POST /api/v1/me/active-workspace': {
    targetIn: 'body',
    targets: workspaceTargets,
    request: (c) => ({ body: { workspaceId: placeOf(c).workspaceId } }),
    missing: (_c, req) => ({ ...req, body: { workspaceId: uuidv7() } }),
    check: (c, body) => expect((body as { me: Body }).me.activeWorkspaceId).toBe(c.world.A),
  },

  // --- workspace, members, invitations ---
  'GET /api/v1/workspace': {
    request: () => ({}),
    check: (c, body) => expect((body as { workspace: Body }).workspace.id).toBe(c.world.A),
  },
  'PATCH /api/v1/workspace': {
    request: () => ({ body: { timeZone: 'UTC' } }),
    check: (c, body) => expect((body as { workspace: Body }).workspace.id).toBe(c.world.A),
  },
  'GET /api/v1/members': {
    targetIn: 'query',
    request: (c) => ({ query: { partnerId: placeOf(c).partnerId, limit: 200 } }),
    list: {
      table: 'memberships',
      partnerColumn: 'partner_id',
      mustInclude: (c) => (isVisible(c, 'tenant') && c.target ? [c.world.fixed[c.target].member] : []),
    },
  },
  'PATCH /api/v1/members/:id': {
    targetIn: 'param',
    request: async (c) => {
      const id = await c.world.make.member(placeOf(c));
      return {
        params: { id },
        body: { role: 'partner_admin' },
        subject: { table: 'memberships', id, workspaceId: placeOf(c).workspaceId },
      };
    },
    check: (_c, body) => expect((body as { member: Body }).member.role).toBe('partner_admin'),
  },
  'GET /api/v1/invitations': {
    targetIn: 'query',
    request: (c) => ({ query: { partnerId: placeOf(c).partnerId, limit: 200 } }),
    list: {
      table: 'invitations',
      partnerColumn: 'partner_id',
      mustInclude: (c) => (isVisible(c, 'tenant') && c.target ? [c.world.fixed[c.target].invitation] : []),
    },
  },
  'POST /api/v1/invitations': {
    targetIn: 'body',
    request: (c) => ({
      body: { email: uniqueEmail('invited'), role: 'partner_user', partnerId: placeOf(c).partnerId },
    }),
    ok: 201,
    missing: (_c, req) => ({ ...req, body: { ...(req.body as Body), partnerId: uuidv7() } }),
    check: (c, body) => expect((body as { invitation: Body }).invitation.partnerId).toBe(placeOf(c).partnerId),
  },
  'POST /api/v1/invitations/:id/revoke': {
    targetIn: 'param',
    request: async (c) => {
      const { id } = await c.world.make.invitation(placeOf(c));
      return { params: { id }, subject: { table: 'invitations', id, workspaceId: placeOf(c).workspaceId } };
    },
    check: (_c, body) => expect((body as { invitation: Body }).invitation.status).toBe('revoked'),
  },
  'POST /api/v1/invitations/:id/resend': {
    targetIn: 'param',
    request: async (c) => {
      const { id } = await c.world.make.invitation(placeOf(c));
      return { params: { id }, subject: { table: 'invitations', id, workspaceId: placeOf(c).workspaceId } };
    },
    check: (_c, body) => expect((body as { invitation: Body }).invitation.status).toBe('pending'),
  },
  'GET /api/v1/invitation-lookup': {
    // The token is the credential (public route): any holder may preview, signed in or not.
    request: async (c) => ({ query: { token: (await c.world.make.invitation(c.world.places.own)).token } }),
    check: (_c, body) => expect((body as { invitation: Body }).invitation.workspaceName).toBe('Northwind'),
  },
  'POST /api/v1/invitation-acceptances': {
    request: async (c) => {
      const inv = await c.world.make.invitation(c.world.places.own);
      return { body: { token: inv.token, name: 'New Person', password: 'a-long-enough-password' } };
    },
  },

  // --- partners (C1/C2) ---
  'GET /api/v1/partners': {
    request: () => ({ query: { limit: 200 } }),
    list: {
      table: 'partners',
      partnerColumn: 'id',
      mustInclude: (c) =>
        isVisible({ ...c, target: 'otherPartner' }, 'tenant') ? [c.world.P1, c.world.P2] : [c.world.P1],
    },
  },
  'POST /api/v1/partners': {
    // The record reference is the parent partner named in the body.
    targetIn: 'body',
    request: (c) => ({
      body: {
        legalName: `Authz ${rand()} Ltd`,
        country: 'VN',
        type: 'reseller',
        parentPartnerId: placeOf(c).partnerId,
      },
    }),
    ok: 201,
    outOfScope: 422,
    missing: (_c, req) => ({ ...req, body: { ...(req.body as Body), parentPartnerId: uuidv7() } }),
    check: (c, body) => expect((body as { partner: { parent: Body } }).partner.parent.id).toBe(placeOf(c).partnerId),
  },
  'POST /api/v1/partners/bulk': {
    targetIn: 'body',
    request: (c) => ({
      body: { action: 'add_tags', tags: ['authz'], partnerIds: [placeOf(c).partnerId] },
      subject: { table: 'partners', id: placeOf(c).partnerId, workspaceId: placeOf(c).workspaceId },
    }),
    missing: (_c, req) => ({ ...req, body: { ...(req.body as Body), partnerIds: [uuidv7()] } }),
    check: (_c, body) => expect((body as Body).matched).toBe(1),
  },
  'GET /api/v1/partners/:id': {
    targetIn: 'param',
    request: (c) => ({ params: { id: placeOf(c).partnerId } }),
    check: (c, body) => expect((body as { partner: Body }).partner.id).toBe(placeOf(c).partnerId),
  },
  'PATCH /api/v1/partners/:id': {
    targetIn: 'param',
    request: (c) => ({
      params: { id: placeOf(c).partnerId },
      body: { region: 'EMEA' },
      subject: { table: 'partners', id: placeOf(c).partnerId, workspaceId: placeOf(c).workspaceId },
    }),
    check: (_c, body) => expect((body as { partner: Body }).partner.region).toBe('EMEA'),
  },
  'PATCH /api/v1/partners/:id/profile': {
    targetIn: 'param',
    request: (c) => ({
      params: { id: placeOf(c).partnerId },
      body: { phone: '+371 2612 3456' },
      subject: { table: 'partners', id: placeOf(c).partnerId, workspaceId: placeOf(c).workspaceId },
    }),
    check: (_c, body) => expect((body as { partner: Body }).partner.phone).toBe('+371 2612 3456'),
  },
  'POST /api/v1/partners/:id/status': {
    // A fresh partner per case, so suspending it never disturbs the shared companies (only vendor roles
    // hold partner.change_status; partner people are refused before the lookup).
    targetIn: 'param',
    request: async (c) => {
      const id = await c.world.make.partner(placeOf(c).workspaceId);
      return {
        params: { id },
        body: { status: 'suspended', reason: 'authorization matrix' },
        subject: { table: 'partners', id, workspaceId: placeOf(c).workspaceId },
      };
    },
    check: (_c, body) => expect((body as { partner: Body }).partner.status).toBe('suspended'),
  },
  'GET /api/v1/partners/:id/events': {
    targetIn: 'param',
    request: (c) => ({ params: { id: placeOf(c).partnerId }, query: { limit: 200 } }),
    list: {
      table: 'partner_events',
      partnerColumn: 'partner_id',
      mustInclude: (c) => (c.target ? [c.world.fixed[c.target].event] : []),
    },
  },

  // --- tiers and custom attributes: program data, read by everyone in the workspace ---
  'GET /api/v1/tiers': {
    request: () => ({}),
    list: { table: 'tiers', mustInclude: (c) => [c.world.fixed.own.tier] },
  },
  'POST /api/v1/tiers': {
    request: () => ({ body: { name: `Tier ${rand()}`, rank: 7 } }),
    ok: 201,
  },
  'PATCH /api/v1/tiers/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const id = await c.world.make.tier(placeOf(c).workspaceId);
      return {
        params: { id },
        body: { description: 'authorization matrix' },
        subject: { table: 'tiers', id, workspaceId: placeOf(c).workspaceId },
      };
    },
  },
  'DELETE /api/v1/tiers/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const id = await c.world.make.tier(placeOf(c).workspaceId);
      return { params: { id }, subject: { table: 'tiers', id, workspaceId: placeOf(c).workspaceId } };
    },
    ok: 204,
  },
  'GET /api/v1/custom-attributes': {
    request: () => ({}),
    list: { table: 'custom_attribute_definitions', mustInclude: (c) => [c.world.fixed.own.attribute] },
  },
  'POST /api/v1/custom-attributes': {
    request: () => ({ body: { key: `k_${rand()}`, label: 'Segment', type: 'text' } }),
    ok: 201,
  },
  'PATCH /api/v1/custom-attributes/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const id = await c.world.make.attribute(placeOf(c).workspaceId);
      return {
        params: { id },
        body: { label: 'Renamed' },
        subject: { table: 'custom_attribute_definitions', id, workspaceId: placeOf(c).workspaceId },
      };
    },
  },
  'DELETE /api/v1/custom-attributes/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const id = await c.world.make.attribute(placeOf(c).workspaceId);
      return {
        params: { id },
        subject: { table: 'custom_attribute_definitions', id, workspaceId: placeOf(c).workspaceId },
      };
    },
    ok: 204,
  },

  // --- contacts ---
  'GET /api/v1/contacts': {
    targetIn: 'query',
    request: (c) => ({ query: { partnerId: placeOf(c).partnerId, limit: 200 } }),
    list: {
      table: 'contacts',
      partnerColumn: 'partner_id',
      mustInclude: (c) => (isVisible(c, 'tenant') && c.target ? [c.world.fixed[c.target].contact] : []),
    },
  },
  'GET /api/v1/partners/:id/contacts': {
    targetIn: 'param',
    request: (c) => ({ params: { id: placeOf(c).partnerId }, query: { limit: 200 } }),
    list: {
      table: 'contacts',
      partnerColumn: 'partner_id',
      mustInclude: (c) => (c.target ? [c.world.fixed[c.target].contact] : []),
    },
  },
  'POST /api/v1/partners/:id/contacts': {
    targetIn: 'param',
    request: (c) => ({ params: { id: placeOf(c).partnerId }, body: { firstName: 'Anna', lastName: 'Ozola' } }),
    ok: 201,
    check: (c, body) => expect((body as { contact: Body }).contact.partnerId).toBe(placeOf(c).partnerId),
  },
  'PATCH /api/v1/contacts/:id': {
    targetIn: 'param',
    request: async (c) => {
      const id = await c.world.make.contact(placeOf(c));
      return {
        params: { id },
        body: { title: 'CTO' },
        subject: { table: 'contacts', id, workspaceId: placeOf(c).workspaceId },
      };
    },
    check: (_c, body) => expect((body as { contact: Body }).contact.title).toBe('CTO'),
  },
  'DELETE /api/v1/contacts/:id': {
    targetIn: 'param',
    request: async (c) => {
      const id = await c.world.make.contact(placeOf(c));
      return { params: { id }, subject: { table: 'contacts', id, workspaceId: placeOf(c).workspaceId } };
    },
    ok: 204,
  },

  // --- saved views: per person ---
  'GET /api/v1/saved-views': {
    request: () => ({}),
    list: { table: 'saved_views', userColumn: 'user_id', mustInclude: (c) => [c.world.savedViewsOf[role(c)]] },
  },
  'POST /api/v1/saved-views': {
    request: () => ({ body: { name: `View ${rand()}`, query: { status: 'active' }, columns: [] } }),
    ok: 201,
  },
  'DELETE /api/v1/saved-views/:id': {
    targetIn: 'param',
    visibility: 'person',
    request: async (c) => {
      const userId = c.world.personAt(c);
      const workspaceId = placeOf(c).workspaceId;
      const id = await c.world.make.savedView(workspaceId, userId);
      return { params: { id }, subject: { table: 'saved_views', id, workspaceId, userId } };
    },
    ok: 204,
  },

  // --- CSV import and export (C1/C19): vendor staff with partner.import / partner.export ---
  'POST /api/v1/imports': {
    request: () => ({ raw: multipart({ kind: 'partners' }, { name: 'partners.csv', content: IMPORT_CSV }) }),
    ok: 201,
    check: (_c, body) => expect((body as { import: Body }).import).toMatchObject({ kind: 'partners', totalRows: 1 }),
  },
  'GET /api/v1/imports': {
    request: () => ({ query: { limit: 200 } }),
    list: { table: 'imports', mustInclude: (c) => [c.world.fixedImports.own] },
  },
  'GET /api/v1/imports/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: (c) => ({ params: { id: importAt(c) } }),
    check: (c, body) => expect((body as { import: Body }).import.id).toBe(importAt(c)),
  },
  'POST /api/v1/imports/:id/dry-run': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const { workspaceId } = placeOf(c);
      const id = await c.world.make.import(workspaceId, c.world.importerAt(workspaceId));
      return {
        params: { id },
        body: { mapping: IMPORT_MAPPING, mode: 'valid_rows' },
        subject: { table: 'imports', id, workspaceId },
      };
    },
    check: (_c, body) => expect((body as Body).validRows).toBe(1),
  },
  'POST /api/v1/imports/:id/start': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const { workspaceId } = placeOf(c);
      const id = await c.world.make.import(workspaceId, c.world.importerAt(workspaceId), 'validated');
      return { params: { id }, body: {}, subject: { table: 'imports', id, workspaceId } };
    },
    ok: 202,
    check: (_c, body) => expect((body as { import: Body }).import.status).toBe('queued'),
  },
  'GET /api/v1/imports/:id/errors.csv': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: (c) => ({ params: { id: importAt(c) } }),
    check: (_c, body) => expect(String((body as Body).raw)).toContain('authorization matrix probe'),
  },
  'GET /api/v1/partners/export.csv': {
    request: () => ({}),
    list: { table: 'partners', partnerColumn: 'id', idsFromText: csvIds, mustInclude: (c) => [c.world.P1, c.world.P2] },
  },
  'GET /api/v1/contacts/export.csv': {
    targetIn: 'query',
    request: (c) => ({ query: { partnerId: placeOf(c).partnerId } }),
    list: {
      table: 'contacts',
      partnerColumn: 'partner_id',
      idsFromText: csvIds,
      mustInclude: (c) => (isVisible(c, 'tenant') && c.target ? [c.world.fixed[c.target].contact] : []),
    },
  },
  'GET /api/v1/accounts/export.csv': {
    request: () => ({}),
    list: { table: 'customer_accounts', idsFromText: csvIds },
  },

  // --- audit log and notifications ---
  'GET /api/v1/audit-log': {
    request: () => ({ query: { targetType: 'authz-probe', limit: 200 } }),
    list: { table: 'audit_log', mustInclude: (c) => [c.world.audit.own] },
  },
  'GET /api/v1/notifications': {
    request: () => ({ query: { limit: 200 } }),
    list: {
      table: 'notifications',
      userColumn: 'user_id',
      mustInclude: (c) => [c.world.notificationsOf[role(c)]],
    },
  },
  'POST /api/v1/notifications/:id/read': {
    targetIn: 'param',
    targets: personTargets,
    visibility: 'person',
    request: async (c) => {
      const userId = c.world.personAt(c);
      const workspaceId = placeOf(c).workspaceId;
      const id = await c.world.make.notification(workspaceId, userId);
      return { params: { id }, subject: { table: 'notifications', id, workspaceId, userId } };
    },
    check: (_c, body) => expect(body).toEqual({ updated: 1 }),
  },
  'POST /api/v1/notifications/read-all': {
    request: () => ({}),
    check: async (c) => {
      // Nobody else's notifications were marked read.
      const row = await inScope(
        c.world.t.services.db,
        c.world.vendorScope(c.world.A, c.world.otherPeople.otherPartner),
        (tx) =>
          tx.execute(sql`SELECT read_at FROM notifications WHERE id = ${c.world.foreignNotifications.otherPartner}`),
      );
      expect(row.rows).toEqual([{ read_at: null }]);
    },
  },
  // --- C4: accounts and opportunities (vendor data), deal registrations (tenant), settings ---
  'GET /api/v1/accounts': {
    request: () => ({ query: { limit: 200 } }),
    list: { table: 'customer_accounts' },
  },
  'POST /api/v1/accounts': {
    request: () => ({ body: { name: `Authz Account ${rand()}`, country: 'VN', domains: ['authz.example.vn'] } }),
    ok: 201,
  },
  'GET /api/v1/accounts/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => ({ params: { id: await accountAt(c) } }),
  },
  'PATCH /api/v1/accounts/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const id = await accountAt(c);
      return {
        params: { id },
        body: { namedAccount: true },
        subject: { table: 'customer_accounts', id, workspaceId: placeOf(c).workspaceId },
      };
    },
    check: (_c, body) => expect((body as { account: Body }).account.namedAccount).toBe(true),
  },
  'DELETE /api/v1/accounts/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const id = await accountAt(c);
      return { params: { id }, subject: { table: 'customer_accounts', id, workspaceId: placeOf(c).workspaceId } };
    },
    ok: 204,
  },
  'GET /api/v1/opportunities': {
    request: () => ({ query: { limit: 200 } }),
    list: { table: 'opportunities' },
  },
  'POST /api/v1/opportunities': {
    request: () => ({ body: { name: 'Direct', customerName: `Authz Prospect ${rand()}`, country: 'LV' } }),
    ok: 201,
  },
  'GET /api/v1/opportunities/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => ({ params: { id: await opportunityAt(c) } }),
  },
  'PATCH /api/v1/opportunities/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const id = await opportunityAt(c);
      return {
        params: { id },
        body: { stage: 'lost' },
        subject: { table: 'opportunities', id, workspaceId: placeOf(c).workspaceId },
      };
    },
  },
  'DELETE /api/v1/opportunities/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const id = await opportunityAt(c);
      return { params: { id }, subject: { table: 'opportunities', id, workspaceId: placeOf(c).workspaceId } };
    },
    ok: 204,
  },
  'GET /api/v1/deal-registrations': {
    request: async (c) => {
      await fixedDeal(c.world, 'own');
      await fixedDeal(c.world, 'otherPartner');
      return { query: { limit: 200 } };
    },
    list: {
      table: 'deal_registrations',
      partnerColumn: 'partner_id',
      mustInclude: (c) => [fixedDeals.get(`${c.world.A}:own`) ?? 'missing'],
    },
  },
  'POST /api/v1/deal-registrations': {
    request: () => ({ body: DEAL_DRAFT }),
    ok: 201,
    check: (c, body) => expect((body as { registration: { partner: Body } }).registration.partner.id).toBe(c.world.P1),
  },
  'POST /api/v1/deal-registrations/conflict-hint': {
    // A partner of P1 asks about the customer P2 registered: the answer says "taken" and never who or how much.
    request: async (c) => {
      await fixedDeal(c.world, 'otherPartner');
      return { body: { name: 'Riga Harbour Logistics', country: 'LV' } };
    },
    check: (_c, body) => {
      const hint = (body as { hint: Body }).hint;
      expect(Object.keys(hint).sort()).toEqual(['appearsTaken', 'band', 'reasons', 'reserved']);
      expect(JSON.stringify(body)).not.toMatch(/Riga Cloud|amount|partner|[0-9a-f]{8}-[0-9a-f]{4}/i);
    },
  },
  'GET /api/v1/deal-registrations/:id': {
    targetIn: 'param',
    request: async (c) => ({ params: { id: await dealAt(c.world, placeOf(c), 'submitted') } }),
    check: (c, body) => {
      const reg = (body as { registration: { conflicts: unknown; partner: Body } }).registration;
      expect(reg.partner.id).toBe(placeOf(c).partnerId);
      if (isPartnerRole(role(c))) expect(reg.conflicts).toBeNull();
    },
  },
  'PATCH /api/v1/deal-registrations/:id': {
    targetIn: 'param',
    request: dealCase('draft', { notes: 'authorization matrix' }),
  },
  'POST /api/v1/deal-registrations/:id/submit': {
    targetIn: 'param',
    request: dealCase('draft'),
    check: (_c, body) => expect((body as { registration: Body }).registration.status).toBe('submitted'),
  },
  'POST /api/v1/deal-registrations/:id/withdraw': {
    targetIn: 'param',
    request: dealCase('draft', { reason: 'customer postponed' }),
    check: (_c, body) => expect((body as { registration: Body }).registration.status).toBe('withdrawn'),
  },
  'POST /api/v1/deal-registrations/:id/outcome': {
    targetIn: 'param',
    request: dealCase('approved', { outcome: 'won' }),
    check: (_c, body) => expect((body as { registration: Body }).registration.status).toBe('won'),
  },
  'POST /api/v1/deal-registrations/:id/close': {
    targetIn: 'param',
    request: dealCase('approved', { outcome: 'lost', reasonCode: 'competitor', reason: 'went with a direct bid' }),
    check: (_c, body) =>
      expect((body as { registration: Body }).registration.outcome).toMatchObject({
        outcome: 'lost',
        reasonCode: 'competitor',
        closedBySide: 'vendor',
      }),
  },
  'POST /api/v1/deal-registrations/:id/extension-request': {
    targetIn: 'param',
    request: dealCase('approved', { reason: 'procurement takes another month' }),
    check: (_c, body) => expect((body as { registration: Body }).registration.extensionRequested).toBe(true),
  },
  'POST /api/v1/deal-registrations/:id/request-info': {
    targetIn: 'param',
    request: dealCase('submitted', { reason: 'which site is this for?' }),
    check: (_c, body) => expect((body as { registration: Body }).registration.status).toBe('needs_info'),
  },
  'POST /api/v1/deal-registrations/:id/approve': {
    targetIn: 'param',
    request: dealCase('submitted', {}),
    check: (_c, body) => expect((body as { registration: Body }).registration.status).toBe('approved'),
  },
  'POST /api/v1/deal-registrations/:id/reject': {
    targetIn: 'param',
    request: dealCase('submitted', { reason: 'direct sales own this customer' }),
    check: (_c, body) => expect((body as { registration: Body }).registration.status).toBe('rejected'),
  },
  'POST /api/v1/deal-registrations/:id/extend': {
    targetIn: 'param',
    request: dealCase('approved', {}),
    check: (_c, body) => expect((body as { registration: Body }).registration.extensionCount).toBe(1),
  },
  'GET /api/v1/deal-registrations/:id/attachments': {
    targetIn: 'param',
    request: async (c) => ({ params: { id: (await attachmentAt(c)).registrationId } }),
    list: {
      table: 'deal_attachments',
      partnerColumn: 'partner_id',
      mustInclude: (c) => [caseAttachments.get(caseKey(c)) ?? 'missing'],
    },
  },
  'POST /api/v1/deal-registrations/:id/attachments': {
    targetIn: 'param',
    request: async (c) => ({
      ...(await dealCase('draft')(c)),
      raw: multipart({}, { name: 'quote.txt', content: 'Quote: 4 switches, EUR 999.00' }),
    }),
    ok: 201,
    check: (_c, body) =>
      expect((body as { attachment: Body }).attachment).toMatchObject({
        fileName: 'quote.txt',
        mediaType: 'text/plain',
      }),
  },
  'GET /api/v1/deal-registrations/:id/attachments/:attachmentId': {
    targetIn: 'param',
    request: async (c) => {
      const a = await attachmentAt(c);
      return { params: { id: a.registrationId, attachmentId: a.id } };
    },
    check: (_c, body) => expect((body as Body).raw).toBe('%PDF-'),
  },
  'DELETE /api/v1/deal-registrations/:id/attachments/:attachmentId': {
    targetIn: 'param',
    request: async (c) => {
      const a = await attachmentAt(c);
      return {
        params: { id: a.registrationId, attachmentId: a.id },
        subject: { table: 'deal_attachments', id: a.id, workspaceId: a.workspaceId },
      };
    },
    ok: 204,
  },
  'GET /api/v1/deal-settings': {
    request: () => ({}),
    check: (_c, body) => expect((body as { settings: Body }).settings.reviewReminderHours).toBe(48),
  },
  'PATCH /api/v1/deal-settings': {
    request: () => ({ body: { reviewReminderHours: 48 } }),
  },
  // --- C6: pipeline (stages are program data, deals are tenant rows) and exchange rates (vendor data) ---
  'GET /api/v1/pipeline/stages': {
    request: () => ({}),
    check: (_c, body) => {
      const kinds = (body as { data: { kind: string }[] }).data.map((s) => s.kind);
      expect(kinds).toEqual(expect.arrayContaining(['open', 'won', 'lost']));
    },
  },
  'POST /api/v1/pipeline/stages': {
    request: () => ({ body: { name: `Authz stage ${rand()}`, probability: 40 } }),
    ok: 201,
  },
  'PUT /api/v1/pipeline/stages/order': {
    request: async (c) => ({ body: { stageIds: (await stagesIn(c.world, c.world.A)).map((s) => s.id) } }),
  },
  'PATCH /api/v1/pipeline/stages/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const id = await stageAt(c);
      return {
        params: { id },
        body: { probability: 35 },
        subject: { table: 'pipeline_stages', id, workspaceId: placeOf(c).workspaceId },
      };
    },
    check: (_c, body) => expect((body as { stage: Body }).stage.probability).toBe(35),
  },
  'DELETE /api/v1/pipeline/stages/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const id = await stageAt(c);
      return { params: { id }, subject: { table: 'pipeline_stages', id, workspaceId: placeOf(c).workspaceId } };
    },
    ok: 204,
  },
  'GET /api/v1/pipeline/deals': {
    request: async (c) => {
      await fixedApprovedDeal(c.world, 'own');
      await fixedApprovedDeal(c.world, 'otherPartner');
      return { query: { limit: 500 } };
    },
    list: {
      table: 'deal_registrations',
      partnerColumn: 'partner_id',
      mustInclude: (c) => [fixedApproved.get(`${c.world.A}:own`) ?? 'missing'],
    },
  },
  'GET /api/v1/pipeline/deals/:id': {
    targetIn: 'param',
    request: async (c) => ({ params: { id: await dealAt(c.world, placeOf(c), 'approved') } }),
    check: (c, body) => expect((body as { deal: { partner: Body } }).deal.partner.id).toBe(placeOf(c).partnerId),
  },
  'POST /api/v1/pipeline/deals/:id/move': {
    targetIn: 'param',
    request: async (c) => {
      const place = placeOf(c);
      const id = await dealAt(c.world, place, 'approved');
      const open = (await stagesIn(c.world, place.workspaceId)).filter((s) => s.kind === 'open');
      return {
        params: { id },
        body: { stageId: open[1]?.id },
        subject: { table: 'deal_registrations', id, workspaceId: place.workspaceId },
      };
    },
    check: (_c, body) => expect((body as { deal: { movedAt: unknown } }).deal.movedAt).not.toBeNull(),
  },
  'GET /api/v1/pipeline/deals/:id/moves': {
    targetIn: 'param',
    request: async (c) => ({ params: { id: await dealAt(c.world, placeOf(c), 'approved') } }),
  },
  'GET /api/v1/pipeline/forecast': {
    request: () => ({ query: { period: 'quarter' } }),
    check: (_c, body) => expect((body as { forecast: Body }).forecast.baseCurrency).toBe('USD'),
  },
  'GET /api/v1/exchange-rates': {
    request: async (c) => {
      await fixedRate(c.world);
      return { query: { limit: 500 } };
    },
    list: { table: 'exchange_rates', mustInclude: (c) => [fixedRates.get(c.world.A) ?? 'missing'] },
  },
  'POST /api/v1/exchange-rates': {
    request: () => ({ body: { base: 'USD', quote: 'TWD', rate: '32.415', rateDate: '2026-11-20' } }),
    ok: 201,
  },
  'POST /api/v1/exchange-rates/ecb-import': {
    request: () => ({ raw: multipart({}, { name: 'eurofxref-daily.xml', content: ECB_SAMPLE }) }),
    check: (_c, body) => expect((body as { result: Body }).result.days).toBe(1),
  },
  'DELETE /api/v1/exchange-rates/:id': {
    targetIn: 'param',
    targets: workspaceTargets,
    visibility: 'workspace',
    request: async (c) => {
      const { workspaceId } = placeOf(c);
      const id = await rateAt(workspaceId, c.world);
      return { params: { id }, subject: { table: 'exchange_rates', id, workspaceId } };
    },
    ok: 204,
  },
};

/** Reads one row as JSON under a vendor scope of its workspace (and its owner, for per-person rows). */
export async function snapshot(world: World, s: Subject): Promise<unknown> {
  const res = await inScope(world.t.services.db, world.vendorScope(s.workspaceId, s.userId ?? null), (tx) =>
    tx.execute(sql`SELECT to_jsonb(x) AS row FROM ${sql.identifier(s.table)} x WHERE x.id = ${s.id}`),
  );
  return (res.rows as { row: unknown }[])[0]?.row ?? null;
}

/** Where the rows a list returned live: workspace, company and owner, looked up in the database. */
export async function placeRows(
  world: World,
  check: ListCheck,
  ids: string[],
  userId: string | null,
): Promise<Map<string, { workspaceId: string; partnerId: string | null; userId: string | null }>> {
  const found = new Map<string, { workspaceId: string; partnerId: string | null; userId: string | null }>();
  if (ids.length === 0) return found;
  const cols: SQL[] = [sql`x.id::text AS id`, sql`x.workspace_id::text AS workspace_id`];
  cols.push(
    check.partnerColumn ? sql`${sql.identifier(check.partnerColumn)}::text AS partner_id` : sql`NULL AS partner_id`,
  );
  cols.push(check.userColumn ? sql`${sql.identifier(check.userColumn)}::text AS user_id` : sql`NULL AS user_id`);
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  for (const workspaceId of [world.A, world.B]) {
    const res = await inScope(world.t.services.db, world.vendorScope(workspaceId, userId), (tx) =>
      tx.execute(
        sql`SELECT ${sql.join(cols, sql`, `)} FROM ${sql.identifier(check.table)} x WHERE x.id::text IN (${list})`,
      ),
    );
    for (const r of res.rows as {
      id: string;
      workspace_id: string;
      partner_id: string | null;
      user_id: string | null;
    }[]) {
      found.set(r.id, { workspaceId: r.workspace_id, partnerId: r.partner_id, userId: r.user_id });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Beyond the matrix: references inside bodies and filters, privilege escalation and mass assignment
// (reliability-anchors §2.1 "Write routes" and "Nested and indirect references"; ASVS 8.2.2/8.2.3).

export type Probe = {
  name: string;
  principal: Role;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  request(w: World): Promise<{ url: string; body?: unknown; raw?: RequestSpec['raw']; subject?: Subject }>;
  status: number;
  /** Extra assertions on the answer. */
  after?(w: World, body: Record<string, unknown>): void;
};

const partnerSubject = (w: World) => ({ table: 'partners', id: w.P1, workspaceId: w.A });
const membershipOf = async (w: World, userId: string): Promise<string> => {
  const res = await inScope(w.t.services.db, w.vendorScope(w.A), (tx) =>
    tx.execute(sql`SELECT id FROM memberships WHERE workspace_id = ${w.A} AND user_id = ${userId}`),
  );
  const id = (res.rows as { id: string }[])[0]?.id;
  if (!id) throw new Error('no membership');
  return id;
};

/** A partner_admin profile edit of a field the workspace keeps for vendor staff. */
const profileProbe = (field: string, value: (w: World) => unknown, status = 403): Probe => ({
  name: `partner_admin cannot set ${field} through PATCH /partners/{own}/profile`,
  principal: 'partner_admin',
  method: 'PATCH',
  request: async (w) => ({
    url: `/api/v1/partners/${w.P1}/profile`,
    body: { [field]: value(w) },
    subject: partnerSubject(w),
  }),
  status,
});

/** A vendor edit of P1 that points at something outside workspace A. */
const foreignReference = (field: string, value: (w: World) => unknown): Probe => ({
  name: `admin cannot point partner ${field} at workspace B`,
  principal: 'admin',
  method: 'PATCH',
  request: async (w) => ({ url: `/api/v1/partners/${w.P1}`, body: { [field]: value(w) }, subject: partnerSubject(w) }),
  status: 422,
});

const emptyList = (_w: World, body: Record<string, unknown>) => expect(body.data).toEqual([]);

export const PROBES: Probe[] = [
  // --- privilege escalation through memberships and invitations ---
  {
    name: 'partner_admin cannot raise a colleague to admin',
    principal: 'partner_admin',
    method: 'PATCH',
    request: async (w) => {
      const id = await w.make.member(w.places.own);
      return {
        url: `/api/v1/members/${id}`,
        body: { role: 'admin' },
        subject: { table: 'memberships', id, workspaceId: w.A },
      };
    },
    status: 403,
  },
  {
    name: 'partner_admin cannot see or change a vendor membership (404, not 403)',
    principal: 'partner_admin',
    method: 'PATCH',
    request: async (w) => {
      const id = await w.make.member(w.places.own, 'viewer');
      return {
        url: `/api/v1/members/${id}`,
        body: { status: 'deactivated' },
        subject: { table: 'memberships', id, workspaceId: w.A },
      };
    },
    status: 404,
  },
  {
    name: 'partner_admin cannot change their own membership',
    principal: 'partner_admin',
    method: 'PATCH',
    request: async (w) => {
      const id = await membershipOf(w, w.sessions.partner_admin.userId);
      return {
        url: `/api/v1/members/${id}`,
        body: { role: 'partner_user' },
        subject: { table: 'memberships', id, workspaceId: w.A },
      };
    },
    status: 403,
  },
  {
    name: 'partner_admin cannot invite vendor staff',
    principal: 'partner_admin',
    method: 'POST',
    request: async () => ({ url: '/api/v1/invitations', body: { email: uniqueEmail('esc'), role: 'admin' } }),
    status: 403,
  },
  {
    name: 'channel_manager cannot invite an admin',
    principal: 'channel_manager',
    method: 'POST',
    request: async () => ({ url: '/api/v1/invitations', body: { email: uniqueEmail('esc'), role: 'admin' } }),
    status: 403,
  },
  {
    name: 'channel_manager cannot invite finance staff',
    principal: 'channel_manager',
    method: 'POST',
    request: async () => ({ url: '/api/v1/invitations', body: { email: uniqueEmail('esc'), role: 'finance' } }),
    status: 403,
  },

  // --- mass assignment on the partner's own profile ---
  profileProbe('tierId', (w) => w.fixed.own.tier),
  profileProbe('ownerUserId', (w) => w.sessions.partner_admin.userId),
  profileProbe('parentPartnerId', (w) => w.P2),
  profileProbe('tags', () => ['strategic']),
  profileProbe('legalName', () => 'Renamed Ltd'),
  profileProbe('territories', () => ['EU']),
  profileProbe('metadata', () => ({ crmId: 'x' })),
  profileProbe('status', () => 'active', 422),

  // --- references to another workspace inside bodies ---
  foreignReference('tierId', (w) => w.fixed.otherWorkspace.tier),
  foreignReference('ownerUserId', (w) => w.otherPeople.otherWorkspace),
  foreignReference('parentPartnerId', (w) => w.PB),
  {
    name: 'admin cannot make a partner person the owner of a partner',
    principal: 'admin',
    method: 'PATCH',
    request: async (w) => ({
      url: `/api/v1/partners/${w.P1}`,
      body: { ownerUserId: w.sessions.partner_user.userId },
      subject: partnerSubject(w),
    }),
    status: 422,
  },
  {
    name: 'bulk change_tier cannot use a tier of workspace B',
    principal: 'admin',
    method: 'POST',
    request: async (w) => ({
      url: '/api/v1/partners/bulk',
      body: { action: 'change_tier', tierId: w.fixed.otherWorkspace.tier, partnerIds: [w.P1] },
      subject: partnerSubject(w),
    }),
    status: 422,
  },
  {
    name: 'bulk assign_owner cannot use an admin of workspace B',
    principal: 'channel_manager',
    method: 'POST',
    request: async (w) => ({
      url: '/api/v1/partners/bulk',
      body: { action: 'assign_owner', ownerUserId: w.otherPeople.otherWorkspace, partnerIds: [w.P1] },
      subject: partnerSubject(w),
    }),
    status: 422,
  },
  {
    name: 'bulk over own and foreign partners changes none of them',
    principal: 'admin',
    method: 'POST',
    request: async (w) => ({
      url: '/api/v1/partners/bulk',
      body: { action: 'add_tags', tags: ['mixed'], partnerIds: [w.P1, w.PB] },
      subject: partnerSubject(w),
    }),
    status: 404,
  },
  {
    name: 'a contact cannot be moved to another company',
    principal: 'partner_admin',
    method: 'PATCH',
    request: async (w) => {
      const id = await w.make.contact(w.places.own);
      return {
        url: `/api/v1/contacts/${id}`,
        body: { partnerId: w.P2 },
        subject: { table: 'contacts', id, workspaceId: w.A },
      };
    },
    status: 422,
  },
  {
    name: 'a contact cannot be created for another workspace by naming its partner in the body',
    principal: 'admin',
    method: 'POST',
    request: async (w) => ({ url: `/api/v1/partners/${w.P1}/contacts`, body: { firstName: 'Eve', partnerId: w.PB } }),
    status: 422,
  },

  // --- filters naming foreign records return nothing foreign ---
  {
    name: 'GET /partners?parentPartnerId=<B partner> lists nothing',
    principal: 'admin',
    method: 'GET',
    request: async (w) => ({ url: `/api/v1/partners?parentPartnerId=${w.PB}` }),
    status: 200,
    after: emptyList,
  },
  {
    name: 'GET /partners?tierId=<B tier> lists nothing',
    principal: 'channel_manager',
    method: 'GET',
    request: async (w) => ({ url: `/api/v1/partners?tierId=${w.fixed.otherWorkspace.tier}` }),
    status: 200,
    after: emptyList,
  },
  {
    name: 'GET /audit-log?targetId=<B audit row> lists nothing',
    principal: 'admin',
    method: 'GET',
    request: async (w) => ({ url: `/api/v1/audit-log?targetId=${w.audit.otherWorkspace}` }),
    status: 200,
    after: emptyList,
  },
  {
    name: 'GET /partners/{P1}/contacts by partner_user shows only P1 contacts',
    principal: 'partner_user',
    method: 'GET',
    request: async (w) => ({ url: `/api/v1/partners/${w.P1}/contacts?limit=200` }),
    status: 200,
    after: (w, body) => {
      for (const c of body.data as { partnerId: string }[]) expect(c.partnerId).toBe(w.P1);
    },
  },

  // --- imports resolve references inside the workspace only ---
  {
    name: 'a contacts CSV naming a partner of workspace B imports no row (dry run)',
    principal: 'admin',
    method: 'POST',
    request: async (w) => {
      const id = await uploadVia(w, 'contacts', `partnerId,firstName,lastName\r\n${w.PB},Eve,Mallory\r\n`);
      return {
        url: `/api/v1/imports/${id}/dry-run`,
        body: { mapping: { partnerId: 'partnerId', firstName: 'firstName', lastName: 'lastName' } },
      };
    },
    status: 200,
    after: (_w, body) => expect(body).toMatchObject({ validRows: 0, invalidRows: 1 }),
  },
  {
    name: 'a partners CSV naming a parent of workspace B imports no row (dry run)',
    principal: 'channel_manager',
    method: 'POST',
    request: async (w) => {
      const id = await uploadVia(
        w,
        'partners',
        'legalName,country,type,parent\r\nChild Ltd,VN,reseller,Taipei Systems\r\n',
      );
      return {
        url: `/api/v1/imports/${id}/dry-run`,
        body: { mapping: { legalName: 'legalName', country: 'country', type: 'type', parent: 'parent' } },
      };
    },
    status: 200,
    after: (_w, body) => expect(body).toMatchObject({ validRows: 0, invalidRows: 1 }),
  },
];

/** Uploads a CSV as workspace A's admin and returns the import id. */
async function uploadVia(w: World, kind: 'partners' | 'contacts', content: string): Promise<string> {
  const raw = multipart({ kind }, { name: `${kind}.csv`, content });
  const res = await w.t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...w.sessions.admin.headers, 'content-type': raw.contentType },
    payload: raw.payload,
    remoteAddress: nextIp(),
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json().import.id;
}
