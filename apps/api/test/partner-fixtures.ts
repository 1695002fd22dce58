import type { PartnerCreate, PartnerDetail, Tier } from '@trellis/contracts';
import { expect } from 'vitest';
import type { Client } from './harness';

/** Creates a partner through the API and returns it; fails the test on anything but 201. */
export async function createPartner(client: Client, body: Partial<PartnerCreate> = {}): Promise<PartnerDetail> {
  const res = await client.post('/api/v1/partners', {
    legalName: `Partner ${Math.random().toString(36).slice(2, 8)} Ltd`,
    country: 'VN',
    type: 'reseller',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().partner;
}

export async function createTier(client: Client, name: string, rank: number, benefits: object = {}): Promise<Tier> {
  const res = await client.post('/api/v1/tiers', { name, rank, benefits });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().tier;
}

export async function createAttribute(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/custom-attributes', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().attribute as { id: string; key: string };
}

/** Issue paths of a 422 answer, sorted. */
export function issuePaths(res: { json(): { error: { details?: { issues?: { path: string }[] } } } }): string[] {
  return (res.json().error.details?.issues ?? []).map((i) => i.path).sort();
}

/** Every page of a list endpoint, following nextCursor. */
export async function allPages<T>(client: Client, url: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await client.get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { data: T[]; nextCursor: string | null };
    items.push(...body.data);
    cursor = body.nextCursor;
    pages++;
    if (pages > 100) throw new Error('pagination did not end');
  } while (cursor);
  return { items, pages };
}

export const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
