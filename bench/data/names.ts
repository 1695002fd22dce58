// Deterministic, believable partner companies in Vietnamese, Traditional Chinese, Latvian and English,
// with unique domains: the same generator feeds the read bench's seed and the import bench's CSV.

export type GeneratedPartner = {
  legalName: string;
  displayName: string;
  domain: string;
  website: string;
  country: string;
  region: string;
  city: string;
  phone: string;
  type: (typeof TYPES)[number];
  status: (typeof STATUSES)[number];
  sizeBand: (typeof SIZE_BANDS)[number];
  industries: string[];
  capabilities: string[];
  tags: string[];
  contact: { firstName: string; lastName: string; email: string; title: string };
};

export const TYPES = ['reseller', 'distributor', 'var', 'msp', 'referral', 'technology', 'si', 'affiliate'] as const;
export const STATUSES = ['active', 'active', 'active', 'active', 'onboarding', 'applicant', 'suspended'] as const;
export const SIZE_BANDS = ['1-10', '11-50', '51-200', '201-1000', '1001-5000'] as const;
const INDUSTRIES = ['Manufacturing', 'Retail', 'Finance', 'Healthcare', 'Public sector', 'Logistics', 'Education'];
const CAPABILITIES = ['Cloud migration', 'Security', 'Networking', 'Data & AI', 'Managed services', 'ERP'];
const TAGS = ['strategic', 'at-risk', 'new-logo', 'apac-focus', 'renewal-2027'];

/** mulberry32: small, fast, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

// [native, romanised] pairs, so domains stay ASCII.
const VN_PLACES: [string, string][] = [
  ['Sài Gòn', 'saigon'],
  ['Hà Nội', 'hanoi'],
  ['Đà Nẵng', 'danang'],
  ['Cần Thơ', 'cantho'],
  ['Hải Phòng', 'haiphong'],
  ['Huế', 'hue'],
  ['Nha Trang', 'nhatrang'],
  ['Vũng Tàu', 'vungtau'],
  ['Biên Hòa', 'bienhoa'],
  ['Đà Lạt', 'dalat'],
  ['Quy Nhơn', 'quynhon'],
  ['Hạ Long', 'halong'],
];
const VN_FIELDS: [string, string][] = [
  ['Giải pháp Số', 'Digital Solutions'],
  ['Công nghệ Thông tin', 'IT'],
  ['Phần mềm', 'Software'],
  ['Dịch vụ Đám mây', 'Cloud Services'],
  ['Bảo mật Mạng', 'Network Security'],
  ['Tích hợp Hệ thống', 'Systems Integration'],
  ['Phân phối Thiết bị', 'Distribution'],
  ['Tư vấn Chuyển đổi Số', 'Digital Advisory'],
];
const VN_SYLLABLES_1 = [
  'Minh',
  'Hoàng',
  'Phú',
  'Thành',
  'An',
  'Tân',
  'Việt',
  'Gia',
  'Bảo',
  'Đức',
  'Hải',
  'Quang',
  'Nam',
  'Trường',
  'Kim',
  'Thiên',
  'Đại',
  'Hưng',
  'Phúc',
  'Sao',
];
const VN_SYLLABLES_2 = [
  'Anh',
  'Long',
  'Thịnh',
  'Công',
  'Phát',
  'Tiến',
  'Khang',
  'Tín',
  'Đạt',
  'Sơn',
  'Hà',
  'Lộc',
  'Mai',
  'Nguyên',
  'Phong',
  'Tâm',
  'Vinh',
  'Hòa',
  'Lợi',
  'Thái',
];
const VN_CITIES = ['Hồ Chí Minh', 'Hà Nội', 'Đà Nẵng', 'Cần Thơ', 'Hải Phòng'];
const VN_PEOPLE: [string, string][] = [
  ['Văn An', 'Nguyễn'],
  ['Thị Bình', 'Trần'],
  ['Minh Tuấn', 'Lê'],
  ['Thu Hà', 'Phạm'],
  ['Quốc Bảo', 'Đặng'],
  ['Ngọc Ánh', 'Võ'],
];

const TW_CITIES: [string, string][] = [
  ['台北', 'taipei'],
  ['新竹', 'hsinchu'],
  ['台中', 'taichung'],
  ['高雄', 'kaohsiung'],
  ['台南', 'tainan'],
  ['桃園', 'taoyuan'],
  ['基隆', 'keelung'],
  ['嘉義', 'chiayi'],
  ['宜蘭', 'yilan'],
  ['花蓮', 'hualien'],
];
const TW_CHARS_1: [string, string][] = [
  ['宏', 'hong'],
  ['聯', 'lian'],
  ['永', 'yong'],
  ['光', 'guang'],
  ['遠', 'yuan'],
  ['中', 'zhong'],
  ['寶', 'bao'],
  ['鼎', 'ding'],
  ['華', 'hua'],
  ['新', 'xin'],
  ['大', 'da'],
  ['全', 'quan'],
  ['台', 'tai'],
  ['東', 'dong'],
  ['興', 'xing'],
  ['泰', 'tai'],
  ['隆', 'long'],
  ['昌', 'chang'],
  ['順', 'shun'],
  ['益', 'yi'],
];
const TW_CHARS_2: [string, string][] = [
  ['達', 'da'],
  ['發', 'fa'],
  ['豐', 'feng'],
  ['華', 'hua'],
  ['通', 'tong'],
  ['島', 'dao'],
  ['新', 'xin'],
  ['成', 'cheng'],
  ['源', 'yuan'],
  ['信', 'xin'],
  ['德', 'de'],
  ['盛', 'sheng'],
  ['科', 'ke'],
  ['昇', 'sheng'],
  ['宇', 'yu'],
  ['邦', 'bang'],
  ['群', 'qun'],
  ['捷', 'jie'],
  ['碩', 'shuo'],
  ['茂', 'mao'],
];
const TW_FIELDS: [string, string][] = [
  ['雲端科技', 'cloud'],
  ['資訊服務', 'infoserv'],
  ['系統整合', 'si'],
  ['軟體', 'soft'],
  ['數位行銷', 'digital'],
  ['網路安全', 'secure'],
  ['智慧製造', 'smartmfg'],
  ['電子商務', 'ecommerce'],
];
const TW_PEOPLE: [string, string][] = [
  ['志明', '陳'],
  ['美玲', '林'],
  ['大明', '王'],
  ['淑芬', '張'],
  ['建宏', '李'],
  ['怡君', '黃'],
];

const LV_PLACES: [string, string][] = [
  ['Baltijas', 'baltic'],
  ['Rīgas', 'riga'],
  ['Daugavas', 'daugava'],
  ['Kurzemes', 'kurzeme'],
  ['Vidzemes', 'vidzeme'],
  ['Latgales', 'latgale'],
  ['Zemgales', 'zemgale'],
  ['Jūrmalas', 'jurmala'],
  ['Ventspils', 'ventspils'],
  ['Siguldas', 'sigulda'],
];
const LV_FIELDS: [string, string][] = [
  ['Datu Risinājumi', 'data'],
  ['Mākoņpakalpojumi', 'cloud'],
  ['Tehnoloģijas', 'tech'],
  ['Drošība', 'security'],
  ['Konsultanti', 'consulting'],
  ['Sistēmas', 'systems'],
  ['Programmatūra', 'software'],
  ['Tīkli', 'networks'],
];
const LV_BRANDS = [
  'Ozols',
  'Bērzs',
  'Liepa',
  'Kalns',
  'Vējš',
  'Saule',
  'Dzintars',
  'Zvaigzne',
  'Ābele',
  'Egle',
  'Priede',
  'Upe',
  'Jūra',
  'Mēness',
  'Rasa',
  'Zīle',
  'Dārzs',
  'Gaisma',
  'Akmens',
  'Vilnis',
  'Lācis',
  'Vanags',
  'Stārķis',
  'Pūce',
  'Ezers',
  'Kāpa',
  'Sils',
  'Pļava',
  'Avots',
  'Tilts',
];
const LV_SUFFIXES = ['', ' Grupa', ' Serviss', ' Centrs', ' Partneri', ' Eksperti'];
const LV_CITIES = ['Rīga', 'Daugavpils', 'Liepāja', 'Jelgava', 'Valmiera', 'Ventspils'];
const LV_PEOPLE: [string, string][] = [
  ['Jānis', 'Bērziņš'],
  ['Anna', 'Ozola'],
  ['Elīna', 'Liepa'],
  ['Mārtiņš', 'Kalniņš'],
  ['Līga', 'Zariņa'],
  ['Andris', 'Ozoliņš'],
];

const EN_WORDS = [
  'Northstar',
  'Pacific',
  'Brightpath',
  'Atlas',
  'Keystone',
  'Summit',
  'Redwood',
  'Bluewater',
  'Ironbridge',
  'Silverline',
  'Harbor',
  'Granite',
  'Evergreen',
  'Crescent',
  'Pinnacle',
  'Lakeshore',
];
const EN_SECOND = [
  'Ridge',
  'Point',
  'Bay',
  'Stone',
  'Field',
  'Gate',
  'Bridge',
  'Wood',
  'Peak',
  'Lake',
  'Hill',
  'Creek',
  'Vale',
  'Forge',
  'Port',
  'View',
  'Rock',
  'Brook',
  'Crest',
  'Haven',
];
const EN_FIELDS = ['Systems', 'Solutions', 'Consulting', 'Managed Services', 'Cloud', 'Networks', 'Data', 'Security'];
const EN_SUFFIXES = ['Inc.', 'LLC', 'Ltd', 'Corp.', 'Group', 'Partners, LLC', 'Pty Ltd'];
const EN_COUNTRIES: [string, string, string, string][] = [
  // country, tld, region, phone prefix
  ['US', 'com', 'Americas', '+1 512 555 '],
  ['GB', 'co.uk', 'EMEA', '+44 20 7946 '],
  ['AU', 'com.au', 'APAC', '+61 2 9876 '],
  ['CA', 'ca', 'Americas', '+1 416 555 '],
  ['SG', 'sg', 'APAC', '+65 6123 '],
];
const EN_CITIES: Record<string, string[]> = {
  US: ['Austin', 'Chicago', 'Denver', 'Boston', 'San Jose'],
  GB: ['London', 'Manchester', 'Leeds'],
  AU: ['Sydney', 'Melbourne', 'Brisbane'],
  CA: ['Toronto', 'Vancouver', 'Montréal'],
  SG: ['Singapore'],
};
const EN_PEOPLE: [string, string][] = [
  ['Emily', 'Carter'],
  ['James', "O'Neill"],
  ['Priya', 'Nair'],
  ['Lukas', 'Müller'],
  ['Sofia', 'García'],
  ['Kenji', 'Sato'],
];

/**
 * The j-th distinct combination of components with the given list sizes, spread over the whole space
 * (j times a stride coprime to its size), so names stay unique until the space is exhausted.
 */
function combination(j: number, sizes: number[]): number[] {
  const space = sizes.reduce((a, b) => a * b, 1);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const stride = [7919, 104_729, 1_299_709, 15_485_863].find((p) => gcd(p, space) === 1) ?? 1;
  let n = (j * stride) % space;
  return sizes.map((size) => {
    const digit = n % size;
    n = Math.floor(n / size);
    return digit;
  });
}
const at = <T>(xs: readonly T[], k: number | undefined): T => xs[k ?? 0] as T;

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Partner number i (0-based) of a run seeded with seed. Languages rotate, so every 4 consecutive rows
 * hold one of each; the domain carries i in base 36, so domains are unique within a run (and the
 * prefix keeps runs with different prefixes apart).
 */
export function generatePartner(i: number, seed = 1, prefix = ''): GeneratedPartner {
  const r = rng(seed * 1_000_003 + i);
  const tag = `${prefix}${i.toString(36)}`;
  // Rows rotate through the four languages; j numbers the rows of one language.
  const j = Math.floor(i / 4) + seed * 9973;
  const common = {
    type: pick(r, TYPES),
    status: pick(r, STATUSES),
    sizeBand: pick(r, SIZE_BANDS),
    industries: [pick(r, INDUSTRIES), ...(r() < 0.4 ? [pick(r, INDUSTRIES)] : [])].filter(
      (v, k, a) => a.indexOf(v) === k,
    ),
    capabilities: [pick(r, CAPABILITIES), ...(r() < 0.5 ? [pick(r, CAPABILITIES)] : [])].filter(
      (v, k, a) => a.indexOf(v) === k,
    ),
    tags: r() < 0.25 ? [pick(r, TAGS)] : [],
  };
  const titles = [
    'Managing Director',
    'Sales Lead',
    'Partner Manager',
    'CTO',
    'Giám đốc',
    '業務經理',
    'Valdes loceklis',
  ];
  switch (i % 4) {
    case 0: {
      const c = combination(j, [VN_PLACES.length, VN_FIELDS.length, 20, 20, 2]);
      const [place, placeAscii] = at(VN_PLACES, c[0]);
      const [field, fieldEn] = at(VN_FIELDS, c[1]);
      const word = `${at(VN_SYLLABLES_1, c[2])} ${at(VN_SYLLABLES_2, c[3])}`;
      const form = c[4] ? 'Công ty TNHH' : 'Công ty Cổ phần';
      const domain = `${slug(word)}-${placeAscii}-${tag}.${r() < 0.5 ? 'vn' : 'com.vn'}`;
      const [given, family] = pick(r, VN_PEOPLE);
      return {
        ...common,
        legalName: `${form} ${field} ${word} ${place}`,
        displayName: `${word} ${fieldEn}`,
        domain,
        website: `https://www.${domain}`,
        country: 'VN',
        region: 'APAC',
        city: pick(r, VN_CITIES),
        phone: `+84 28 ${digits(r, 4)} ${digits(r, 4)}`,
        contact: { firstName: given, lastName: family, email: `${slug(given)}@${domain}`, title: pick(r, titles) },
      };
    }
    case 1: {
      const c = combination(j, [TW_CITIES.length, TW_FIELDS.length, 20, 20, 2]);
      const [city, cityAscii] = at(TW_CITIES, c[0]);
      const [field, fieldAscii] = at(TW_FIELDS, c[1]);
      const [w1, w1Ascii] = at(TW_CHARS_1, c[2]);
      const [w2, w2Ascii] = at(TW_CHARS_2, c[3]);
      const word = `${w1}${w2}`;
      const wordAscii = `${w1Ascii}${w2Ascii}`;
      const form = c[4] ? '股份有限公司' : '有限公司';
      const domain = `${wordAscii}-${fieldAscii}-${cityAscii}-${tag}.com.tw`;
      const [given, family] = pick(r, TW_PEOPLE);
      return {
        ...common,
        legalName: `${city}${word}${field}${form}`,
        displayName: `${word}${field}`,
        domain,
        website: `https://www.${domain}`,
        country: 'TW',
        region: 'APAC',
        city: `${city}市`,
        phone: `+886 2 ${digits(r, 4)} ${digits(r, 4)}`,
        contact: { firstName: given, lastName: family, email: `sales@${domain}`, title: pick(r, titles) },
      };
    }
    case 2: {
      const c = combination(j, [LV_PLACES.length, LV_FIELDS.length, LV_BRANDS.length, LV_SUFFIXES.length, 2]);
      const [place, placeAscii] = at(LV_PLACES, c[0]);
      const [field, fieldAscii] = at(LV_FIELDS, c[1]);
      const brand = at(LV_BRANDS, c[2]);
      const form = c[4] ? 'SIA' : 'AS';
      const domain = `${slug(brand)}-${placeAscii}-${fieldAscii}-${tag}.lv`;
      const [given, family] = pick(r, LV_PEOPLE);
      return {
        ...common,
        legalName: `${form} ${brand} ${place} ${field}${at(LV_SUFFIXES, c[3])}`,
        displayName: `${brand} ${place} ${field}`,
        domain,
        website: `https://www.${domain}`,
        country: 'LV',
        region: 'EMEA',
        city: pick(r, LV_CITIES),
        phone: `+371 2${digits(r, 3)} ${digits(r, 4)}`,
        contact: { firstName: given, lastName: family, email: `${slug(given)}@${domain}`, title: pick(r, titles) },
      };
    }
    default: {
      const c = combination(j, [
        EN_WORDS.length,
        EN_SECOND.length,
        EN_FIELDS.length,
        EN_SUFFIXES.length,
        EN_COUNTRIES.length,
      ]);
      const word = `${at(EN_WORDS, c[0])} ${at(EN_SECOND, c[1])}`;
      const field = at(EN_FIELDS, c[2]);
      const [country, tld, region, phonePrefix] = at(EN_COUNTRIES, c[4]);
      const domain = `${slug(word)}-${slug(field)}-${tag}.${tld}`;
      const [given, family] = pick(r, EN_PEOPLE);
      return {
        ...common,
        legalName: `${word} ${field} ${at(EN_SUFFIXES, c[3])}`,
        displayName: `${word} ${field}`,
        domain,
        website: `https://www.${domain}`,
        country,
        region,
        city: pick(r, EN_CITIES[country] ?? ['Austin']),
        phone: `${phonePrefix}${digits(r, 4)}`,
        contact: {
          firstName: given,
          lastName: family,
          email: `${slug(given)}.${slug(family)}@${domain}`,
          title: pick(r, titles),
        },
      };
    }
  }
}
