// Bench 2's input: a CSV a vendor would upload (multilingual names, unique domains), and the same
// rows shaped like the partners table for the COPY floor.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { uuidv7 } from 'uuidv7';
import { searchKey } from '../../apps/api/src/lib/search-key';
import { type GeneratedPartner, generatePartner } from './names';

/** The import workspace's tiers (bench/data/seed.ts), referred to by name as a CRM export would. */
const TIER_NAMES = ['Registered', 'Silver', 'Gold', 'Platinum', ''];

/** One CSV column: its header, the import field it maps to, and its value. */
export type CsvColumn = { header: string; field: string; value: (p: GeneratedPartner) => string };

export const IMPORT_COLUMNS: CsvColumn[] = [
  { header: 'Legal name', field: 'legalName', value: (p) => p.legalName },
  { header: 'Display name', field: 'displayName', value: (p) => p.displayName },
  { header: 'Website', field: 'website', value: (p) => p.website },
  { header: 'Country', field: 'country', value: (p) => p.country },
  { header: 'Region', field: 'region', value: (p) => p.region },
  { header: 'City', field: 'city', value: (p) => p.city },
  { header: 'Phone', field: 'phone', value: (p) => p.phone },
  { header: 'Partner type', field: 'type', value: (p) => p.type },
  { header: 'Status', field: 'status', value: (p) => (p.status === 'suspended' ? 'active' : p.status) },
  { header: 'Company size', field: 'sizeBand', value: (p) => p.sizeBand },
  { header: 'Industries', field: 'industries', value: (p) => p.industries.join('; ') },
  { header: 'Capabilities', field: 'capabilities', value: (p) => p.capabilities.join('; ') },
  { header: 'Tags', field: 'tags', value: (p) => p.tags.join('; ') },
  { header: 'Tier', field: 'tier', value: (p) => TIER_NAMES[p.legalName.length % TIER_NAMES.length] ?? '' },
];

export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const pgArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;

async function write(stream: ReturnType<typeof createWriteStream>, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** The partners-table columns the floor's COPY fills (the rest take their defaults). */
export const FLOOR_COLUMNS = [
  'workspace_id',
  'id',
  'legal_name',
  'display_name',
  'search_name',
  'website',
  'domain',
  'country',
  'region',
  'address',
  'phone',
  'type',
  'size_band',
  'industries',
  'capabilities',
  'territories',
  'status',
  'tags',
] as const;

/**
 * Writes rows partners to csvPath (UTF-8, header row, RFC 4180 quoting) and the same partners
 * shaped for COPY into the partners columns to floorPath. Returns the CSV's size in bytes.
 */
export async function writeImportFiles(
  rows: number,
  csvPath: string,
  floorPath: string,
  workspaceId: string,
  columns: CsvColumn[] = IMPORT_COLUMNS,
): Promise<number> {
  const csv = createWriteStream(csvPath, 'utf8');
  const floor = createWriteStream(floorPath, 'utf8');
  let bytes = 0;
  const header = `${columns.map((c) => csvField(c.header)).join(',')}\n`;
  bytes += Buffer.byteLength(header);
  await write(csv, header);
  let csvBuf = '';
  let floorBuf = '';
  for (let i = 0; i < rows; i++) {
    const p = generatePartner(i, 33, 'imp');
    const line = `${columns.map((c) => csvField(c.value(p))).join(',')}\n`;
    csvBuf += line;
    bytes += Buffer.byteLength(line);
    floorBuf += `${[
      workspaceId,
      uuidv7(),
      p.legalName,
      p.displayName,
      searchKey(`${p.displayName} ${p.legalName} ${p.domain}`),
      p.website,
      p.domain,
      p.country,
      p.region,
      JSON.stringify({ city: p.city }),
      p.phone,
      p.type,
      p.sizeBand,
      pgArray(p.industries),
      pgArray(p.capabilities),
      pgArray([p.country]),
      p.status === 'suspended' ? 'active' : p.status,
      pgArray(p.tags),
    ]
      .map(csvField)
      .join(',')}\n`;
    if (csvBuf.length > 1 << 20) {
      await write(csv, csvBuf);
      await write(floor, floorBuf);
      csvBuf = '';
      floorBuf = '';
    }
  }
  await write(csv, csvBuf);
  await write(floor, floorBuf);
  csv.end();
  floor.end();
  await Promise.all([once(csv, 'finish'), once(floor, 'finish')]);
  return bytes;
}
