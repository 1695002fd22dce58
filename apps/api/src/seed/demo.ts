import type { PartnerStatus, PartnerType, Role, TierBenefits } from '@trellis/contracts';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Services } from '../app';
import { contacts, partnerEvents, partners, tiers, users, workspaces } from '../db/schema/index';
import { inScope } from '../db/scope';
import { contactSearchName, partnerSearchName } from '../modules/partners/index';
import { addMembership, createWorkspace, ensureUser } from '../modules/people/bootstrap';

export const DEMO_PASSWORD = 'trellis-demo-2026';
export const DEMO_SLUG = 'northwind-demo';

type DemoPartner = [
  legal: string,
  display: string,
  country: string,
  type: PartnerType,
  tier: number,
  status: PartnerStatus,
  domain: string,
  city: string,
];

/** About forty partners across Vietnam, Taiwan, Latvia and beyond: the demo program (issue #2, item 10). */
const PARTNERS: DemoPartner[] = [
  [
    'Công ty TNHH Giải pháp Số Sài Gòn',
    'Saigon Digital Solutions',
    'VN',
    'reseller',
    2,
    'active',
    'saigondigital.vn',
    'Hồ Chí Minh',
  ],
  ['Công ty Cổ phần Công nghệ Hà Nội Xanh', 'Green Hanoi Tech', 'VN', 'var', 1, 'active', 'hanoixanh.com.vn', 'Hà Nội'],
  [
    'Công ty TNHH Phân phối Mekong',
    'Mekong Distribution',
    'VN',
    'distributor',
    3,
    'active',
    'mekongdist.vn',
    'Cần Thơ',
  ],
  [
    'Công ty TNHH Dịch vụ Đám mây Đà Nẵng',
    'Da Nang Cloud Services',
    'VN',
    'msp',
    1,
    'onboarding',
    'danangcloud.vn',
    'Đà Nẵng',
  ],
  [
    'Công ty Cổ phần Tích hợp Hải Phòng',
    'Haiphong Integration',
    'VN',
    'si',
    0,
    'applicant',
    'hpintegration.vn',
    'Hải Phòng',
  ],
  ['Công ty TNHH Tư vấn Huế', 'Hue Advisory', 'VN', 'referral', 0, 'active', 'hueadvisory.vn', 'Huế'],
  ['Công ty TNHH Bảo mật Việt', 'VietSecure', 'VN', 'technology', 2, 'suspended', 'vietsecure.vn', 'Hồ Chí Minh'],
  ['台灣雲端科技股份有限公司', '台灣雲端科技', 'TW', 'reseller', 2, 'active', 'twcloud.com.tw', '台北市'],
  ['新竹系統整合有限公司', '新竹系統整合', 'TW', 'si', 1, 'active', 'hsinchu-si.com.tw', '新竹市'],
  ['高雄資訊服務股份有限公司', '高雄資訊', 'TW', 'msp', 1, 'active', 'khis.com.tw', '高雄市'],
  ['台中數位行銷有限公司', '台中數位行銷', 'TW', 'affiliate', 0, 'active', 'tcdm.tw', '台中市'],
  ['寶島軟體代理股份有限公司', '寶島軟體', 'TW', 'distributor', 3, 'active', 'formosasoft.com.tw', '台北市'],
  ['台南智慧製造顧問有限公司', '台南智慧製造', 'TW', 'referral', 0, 'onboarding', 'tainan-smart.tw', '台南市'],
  ['SIA Baltijas Datu Risinājumi', 'Baltic Data Solutions', 'LV', 'reseller', 2, 'active', 'bdr.lv', 'Rīga'],
  ['SIA Rīgas Mākoņpakalpojumi', 'Riga Cloud', 'LV', 'msp', 1, 'active', 'rigacloud.lv', 'Rīga'],
  ['AS Latvijas IT Integrators', 'Latvian IT Integrators', 'LV', 'si', 2, 'active', 'lvit.lv', 'Rīga'],
  ['SIA Daugavas Konsultanti', 'Daugava Consulting', 'LV', 'referral', 0, 'active', 'daugava.lv', 'Daugavpils'],
  ['SIA Kurzemes Tehnoloģijas', 'Kurzeme Tech', 'LV', 'var', 1, 'terminated', 'kurzemetech.lv', 'Liepāja'],
  ['SIA Vidzemes Drošība', 'Vidzeme Security', 'LV', 'technology', 1, 'onboarding', 'vidzemesec.lv', 'Valmiera'],
  ['Northstar Systems, Inc.', 'Northstar Systems', 'US', 'var', 3, 'active', 'northstar-systems.com', 'Austin'],
  [
    'Pacific Channel Partners LLC',
    'Pacific Channel',
    'US',
    'distributor',
    3,
    'active',
    'pacificchannel.com',
    'San Jose',
  ],
  ['Brightpath Consulting LLC', 'Brightpath', 'US', 'referral', 0, 'active', 'brightpath.io', 'Denver'],
  ['Atlas Managed Services Corp.', 'Atlas MSP', 'US', 'msp', 2, 'active', 'atlasmsp.com', 'Chicago'],
  ['Keystone Alliance Group', 'Keystone Alliance', 'US', 'alliance', 2, 'active', 'keystone-alliance.com', 'Boston'],
  ['Hanse Netzwerk GmbH', 'Hanse Netzwerk', 'DE', 'reseller', 1, 'active', 'hanse-netzwerk.de', 'Hamburg'],
  ['Bayern Cloud AG', 'Bayern Cloud', 'DE', 'msp', 2, 'active', 'bayerncloud.de', 'München'],
  ['Rheinland Integration GmbH', 'Rheinland Integration', 'DE', 'si', 1, 'suspended', 'rheinland-int.de', 'Köln'],
  ['Lion City Tech Pte. Ltd.', 'Lion City Tech', 'SG', 'reseller', 2, 'active', 'lioncitytech.sg', 'Singapore'],
  [
    'Straits Distribution Pte. Ltd.',
    'Straits Distribution',
    'SG',
    'distributor',
    3,
    'active',
    'straitsdist.sg',
    'Singapore',
  ],
  ['株式会社東京クラウド', '東京クラウド', 'JP', 'msp', 1, 'active', 'tokyo-cloud.jp', '東京'],
  ['大阪システム株式会社', '大阪システム', 'JP', 'si', 1, 'onboarding', 'osaka-sys.jp', '大阪'],
  ['Nordic Value Partners AB', 'Nordic Value', 'SE', 'var', 1, 'active', 'nordicvalue.se', 'Stockholm'],
  ['Helsinki Data Oy', 'Helsinki Data', 'FI', 'technology', 1, 'active', 'helsinkidata.fi', 'Helsinki'],
  ['Tallinn Digital OÜ', 'Tallinn Digital', 'EE', 'reseller', 0, 'applicant', 'tallinndigital.ee', 'Tallinn'],
  ['Vilnius Systems UAB', 'Vilnius Systems', 'LT', 'si', 1, 'active', 'vilniussys.lt', 'Vilnius'],
  ['Thames Partners Ltd', 'Thames Partners', 'GB', 'referral', 0, 'active', 'thamespartners.co.uk', 'London'],
  ['Southern Cross IT Pty Ltd', 'Southern Cross IT', 'AU', 'msp', 2, 'active', 'southerncrossit.com.au', 'Sydney'],
  [
    'Maple Leaf Resellers Inc.',
    'Maple Leaf Resellers',
    'CA',
    'reseller',
    1,
    'active',
    'mapleleafresellers.ca',
    'Toronto',
  ],
  ['São Paulo Tecnologia SA', 'SP Tecnologia', 'BR', 'var', 1, 'onboarding', 'sptecnologia.com.br', 'São Paulo'],
  [
    'Bangkok Affiliates Co., Ltd.',
    'Bangkok Affiliates',
    'TH',
    'affiliate',
    0,
    'active',
    'bkkaffiliates.co.th',
    'Bangkok',
  ],
];

const TIERS: { name: string; rank: number; benefits: TierBenefits }[] = [
  {
    name: 'Registered',
    rank: 0,
    benefits: {
      discountPercent: 0,
      dealProtectionDays: 60,
      mdfAllocation: null,
      commissionRatePercent: 5,
      leadPriority: 0,
    },
  },
  {
    name: 'Silver',
    rank: 1,
    benefits: {
      discountPercent: 10,
      dealProtectionDays: 90,
      mdfAllocation: { amountMinor: 500_000, currency: 'USD' },
      commissionRatePercent: 8,
      leadPriority: 1,
    },
  },
  {
    name: 'Gold',
    rank: 2,
    benefits: {
      discountPercent: 20,
      dealProtectionDays: 120,
      mdfAllocation: { amountMinor: 2_000_000, currency: 'USD' },
      commissionRatePercent: 12,
      leadPriority: 2,
    },
  },
  {
    name: 'Platinum',
    rank: 3,
    benefits: {
      discountPercent: 30,
      dealProtectionDays: 180,
      mdfAllocation: { amountMinor: 5_000_000, currency: 'USD' },
      commissionRatePercent: 15,
      leadPriority: 3,
    },
  },
];

const FIRST_NAMES = [
  'Nguyễn Văn An',
  'Trần Thị Bình',
  '陳志明',
  '林美玲',
  'Jānis Bērziņš',
  'Anna Ozola',
  'Emily Carter',
  'Lukas Müller',
  'Priya Nair',
  'Kenji Sato',
];

type SeedServices = Pick<Services, 'db' | 'auth'>;

/** Vendor staff and partner people with fixed demo passwords; printed by the CLI and listed in the README. */
export const DEMO_PEOPLE: {
  email: string;
  name: string;
  role: Role;
  partnerIndex?: number;
  locale?: 'en' | 'vi' | 'zh-Hant' | 'lv';
}[] = [
  { email: 'admin@northwind.example', name: 'Alex Admin', role: 'admin' },
  { email: 'cm@northwind.example', name: 'Chris Channel', role: 'channel_manager' },
  { email: 'cm.apac@northwind.example', name: 'Mai Phạm', role: 'channel_manager', locale: 'vi' },
  { email: 'finance@northwind.example', name: 'Fiona Finance', role: 'finance' },
  { email: 'marketing@northwind.example', name: 'Marta Kalniņa', role: 'marketing', locale: 'lv' },
  { email: 'viewer@northwind.example', name: 'Victor Viewer', role: 'viewer' },
  { email: 'admin@saigondigital.vn', name: 'Lê Minh Tuấn', role: 'partner_admin', partnerIndex: 0, locale: 'vi' },
  { email: 'sales@saigondigital.vn', name: 'Phạm Thu Hà', role: 'partner_user', partnerIndex: 0, locale: 'vi' },
  { email: 'admin@twcloud.com.tw', name: '王大明', role: 'partner_admin', partnerIndex: 7, locale: 'zh-Hant' },
  { email: 'sales@bdr.lv', name: 'Elīna Liepa', role: 'partner_user', partnerIndex: 13, locale: 'lv' },
];

export async function seedDemoProgram(
  services: SeedServices,
  log: (line: string) => void = console.log,
): Promise<void> {
  const already = await findDemoWorkspace(services);
  if (already) {
    log(`demo program already present (workspace ${DEMO_SLUG}); sign-ins below`);
    printSignIns(log);
    return;
  }
  const workspaceId = await createWorkspace(services, {
    name: 'Northwind Partner Program',
    slug: DEMO_SLUG,
    baseCurrency: 'USD',
    defaultLocale: 'en',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  const staff: Record<string, string> = {};
  for (const person of DEMO_PEOPLE.filter((p) => p.partnerIndex === undefined)) {
    const userId = await ensureUser(services, {
      email: person.email,
      name: person.name,
      password: DEMO_PASSWORD,
      ...(person.locale ? { locale: person.locale } : {}),
    });
    await addMembership(services, { workspaceId, userId, role: person.role });
    staff[person.email] = userId;
  }
  const owners = [staff['cm@northwind.example'], staff['cm.apac@northwind.example']].filter(Boolean) as string[];
  const partnerIds: string[] = [];
  await inScope(services.db, { workspaceId, userId: null, partnerId: null, kind: 'vendor' }, async (tx) => {
    const tierIds: string[] = [];
    for (const t of TIERS) {
      const id = uuidv7();
      await tx.insert(tiers).values({
        id,
        workspaceId,
        name: t.name,
        rank: t.rank,
        benefits: t.benefits,
        description: `${t.name} partners`,
      });
      tierIds.push(id);
    }
    const created = new Date(Date.now() - 400 * 86_400_000);
    for (const [i, p] of PARTNERS.entries()) {
      const [legal, display, country, type, tier, status, domain, city] = p;
      const id = uuidv7();
      partnerIds.push(id);
      const parent =
        type === 'reseller' && country === 'VN' && i > 0
          ? partnerIds[2]
          : type === 'reseller' && country === 'TW'
            ? partnerIds[11]
            : null;
      const at = new Date(created.getTime() + i * 9 * 86_400_000);
      await tx.insert(partners).values({
        id,
        workspaceId,
        legalName: legal,
        displayName: display,
        searchName: partnerSearchName({ displayName: display, legalName: legal, domain }),
        website: `https://www.${domain}`,
        domain,
        country,
        region: ['VN', 'TW', 'JP', 'SG', 'TH', 'AU'].includes(country)
          ? 'APAC'
          : ['US', 'CA', 'BR'].includes(country)
            ? 'Americas'
            : 'EMEA',
        address: { city },
        phone: null,
        type,
        sizeBand: (['1-10', '11-50', '51-200', '201-1000'] as const)[i % 4] ?? null,
        industries:
          [['Manufacturing', 'Retail'], ['Finance'], ['Healthcare', 'Public sector'], ['Logistics']][i % 4] ?? [],
        capabilities:
          [['Cloud migration', 'Security'], ['Networking'], ['Data & AI', 'Cloud migration'], ['Managed services']][
            i % 4
          ] ?? [],
        territories: [country],
        tierId: tierIds[tier] ?? null,
        ownerUserId: owners[i % owners.length] ?? null,
        parentPartnerId: parent ?? null,
        status,
        tags: i % 5 === 0 ? ['strategic'] : i % 7 === 0 ? ['at-risk'] : [],
        customAttributes: {},
        createdAt: at,
        updatedAt: at,
      });
      await tx.insert(partnerEvents).values({
        id: uuidv7(),
        workspaceId,
        partnerId: id,
        type: 'partner.created',
        data: { source: 'demo' },
        occurredAt: at,
      });
      for (let c = 0; c < 2; c++) {
        const full = FIRST_NAMES[(i + c * 3) % FIRST_NAMES.length] ?? 'Contact';
        const [first, ...last] = full.split(' ');
        await tx.insert(contacts).values({
          id: uuidv7(),
          workspaceId,
          partnerId: id,
          firstName: first ?? full,
          lastName: last.join(' '),
          email: `${c === 0 ? 'owner' : 'sales'}@${domain}`,
          searchName: contactSearchName({
            firstName: first ?? full,
            lastName: last.join(' '),
            email: `${c === 0 ? 'owner' : 'sales'}@${domain}`,
          }),
          title: c === 0 ? 'Managing Director' : 'Sales Lead',
          role: c === 0 ? 'primary' : 'sales',
        });
      }
    }
  });
  for (const person of DEMO_PEOPLE.filter((p) => p.partnerIndex !== undefined)) {
    const userId = await ensureUser(services, {
      email: person.email,
      name: person.name,
      password: DEMO_PASSWORD,
      ...(person.locale ? { locale: person.locale } : {}),
    });
    await addMembership(services, {
      workspaceId,
      userId,
      role: person.role,
      partnerId: partnerIds[person.partnerIndex as number] ?? null,
    });
  }
  log(`demo program created: ${PARTNERS.length} partners, ${TIERS.length} tiers, ${DEMO_PEOPLE.length} people`);
  printSignIns(log);
}

async function findDemoWorkspace(services: SeedServices): Promise<boolean> {
  const admin = DEMO_PEOPLE[0];
  if (!admin) return false;
  const [user] = await services.db.select({ id: users.id }).from(users).where(eq(users.email, admin.email));
  const userId = user?.id;
  if (!userId) return false;
  return inScope(services.db, { workspaceId: null, userId, partnerId: null, kind: 'none' }, async (tx) => {
    const rows = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, DEMO_SLUG));
    return rows.length > 0;
  });
}

function printSignIns(log: (line: string) => void): void {
  log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
  for (const p of DEMO_PEOPLE) log(`  ${p.role.padEnd(16)} ${p.email}`);
}
