// Deterministic end-customer companies for the deal-registration bench (C4): Vietnamese, Traditional
// Chinese, Latvian and English names with their legal forms, as a vendor's CRM holds them. The name
// space is large enough for 1,000,000 accounts plus the registrations' customers without repeats
// (≥ 378,000 names per language, distinct after the matcher's normalisation: the legal form is not part of
// the combination), and deliberately built from a limited vocabulary, so words and typo
// keys repeat across thousands of accounts the way real surnames, places and trades do.
import { rng } from './names';

export type GeneratedCustomer = {
  name: string;
  /** The name's distinctive part as written in it (the brand), where a partner's typo lands. */
  core: string;
  /** Registrable company domain, or null (about a quarter of CRM accounts have none). */
  domain: string | null;
  country: string;
  address: { line1: string; city: string; postalCode: string };
};

const pickOf = <T>(xs: readonly T[], k: number | undefined): T => xs[k ?? 0] as T;

/** The j-th combination of components, spread over the space by a stride coprime to its size. */
function combination(j: number, sizes: number[]): number[] {
  const space = sizes.reduce((a, b) => a * b, 1);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const stride = [1_299_709, 15_485_863, 7919, 104_729].find((p) => gcd(p, space) === 1) ?? 1;
  let n = (j * stride) % space;
  return sizes.map((size) => {
    const digit = n % size;
    n = Math.floor(n / size);
    return digit;
  });
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 24);

const VN_FORMS = ['Công ty TNHH', 'Công ty Cổ phần', 'Công ty TNHH MTV'];
const VN_TRADES = [
  'Thực phẩm',
  'Xây dựng',
  'Vận tải',
  'Thương mại',
  'Dịch vụ',
  'Sản xuất',
  'Đầu tư',
  'Du lịch',
  'Thiết bị',
  'Bất động sản',
  'Tư vấn',
  'Xuất nhập khẩu',
];
const VN_S1 = [
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
  'Ngọc',
  'Thuận',
  'Vạn',
  'Hồng',
  'Lâm',
  'Song',
  'Bình',
  'Trí',
  'Khánh',
  'Tường',
];
const VN_S2 = [
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
  'Quân',
  'Huy',
  'Dũng',
  'Linh',
  'Uy',
  'Châu',
  'Kiệt',
  'Hậu',
  'Toàn',
  'Nhân',
];
const VN_PLACES: [string, string, string][] = [
  // name part, city for the address, postal prefix
  ['Sài Gòn', 'TP. Hồ Chí Minh', '700'],
  ['Hà Nội', 'Hà Nội', '100'],
  ['Đà Nẵng', 'Đà Nẵng', '550'],
  ['Cần Thơ', 'Cần Thơ', '900'],
  ['Hải Phòng', 'Hải Phòng', '180'],
  ['Huế', 'Huế', '530'],
  ['Nha Trang', 'Khánh Hòa', '650'],
  ['Vũng Tàu', 'Bà Rịa - Vũng Tàu', '790'],
  ['Biên Hòa', 'Đồng Nai', '810'],
  ['Đà Lạt', 'Lâm Đồng', '670'],
  ['Quy Nhơn', 'Bình Định', '590'],
  ['Hạ Long', 'Quảng Ninh', '200'],
  ['Vinh', 'Nghệ An', '460'],
  ['Buôn Ma Thuột', 'Đắk Lắk', '630'],
  ['Thái Nguyên', 'Thái Nguyên', '250'],
  ['Nam Định', 'Nam Định', '420'],
  ['Phan Thiết', 'Bình Thuận', '800'],
  ['Long Xuyên', 'An Giang', '880'],
  ['Rạch Giá', 'Kiên Giang', '920'],
  ['Mỹ Tho', 'Tiền Giang', '860'],
  ['Bắc Ninh', 'Bắc Ninh', '220'],
  ['Thanh Hóa', 'Thanh Hóa', '440'],
  ['Quảng Ngãi', 'Quảng Ngãi', '570'],
  ['Pleiku', 'Gia Lai', '600'],
  ['Bến Tre', 'Bến Tre', '930'],
  ['Cà Mau', 'Cà Mau', '970'],
  ['Sóc Trăng', 'Sóc Trăng', '950'],
  ['Tuy Hòa', 'Phú Yên', '620'],
  ['Hội An', 'Quảng Nam', '560'],
  ['Hà Tĩnh', 'Hà Tĩnh', '480'],
  ['Đồng Hới', 'Quảng Bình', '510'],
  ['Tây Ninh', 'Tây Ninh', '840'],
  ['Bạc Liêu', 'Bạc Liêu', '960'],
  ['Lào Cai', 'Lào Cai', '330'],
  ['Sơn La', 'Sơn La', '360'],
  ['Bình Dương', 'Bình Dương', '820'],
];
const VN_STREETS = ['Nguyễn Huệ', 'Lê Lợi', 'Trần Hưng Đạo', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Điện Biên Phủ'];

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
  ['新北', 'newtaipei'],
  ['竹北', 'zhubei'],
  ['苗栗', 'miaoli'],
  ['彰化', 'changhua'],
  ['南投', 'nantou'],
  ['雲林', 'yunlin'],
  ['屏東', 'pingtung'],
  ['台東', 'taitung'],
  ['澎湖', 'penghu'],
  ['金門', 'kinmen'],
  ['板橋', 'banqiao'],
  ['中壢', 'zhongli'],
  ['新莊', 'xinzhuang'],
  ['三重', 'sanchong'],
  ['永和', 'yonghe'],
  ['鳳山', 'fengshan'],
  ['竹南', 'zhunan'],
  ['斗六', 'douliu'],
  ['員林', 'yuanlin'],
  ['頭份', 'toufen'],
];
const TW_C1: [string, string][] = [
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
  ['東', 'dong'],
  ['興', 'xing'],
  ['泰', 'tai'],
  ['隆', 'long'],
  ['昌', 'chang'],
  ['順', 'shun'],
  ['益', 'yi'],
  ['榮', 'rong'],
  ['國', 'guo'],
  ['金', 'jin'],
  ['長', 'chang'],
  ['萬', 'wan'],
  ['富', 'fu'],
  ['嘉', 'jia'],
  ['勝', 'sheng'],
  ['明', 'ming'],
  ['志', 'zhi'],
  ['正', 'zheng'],
];
const TW_C2: [string, string][] = [
  ['達', 'da'],
  ['發', 'fa'],
  ['豐', 'feng'],
  ['通', 'tong'],
  ['島', 'dao'],
  ['成', 'cheng'],
  ['源', 'yuan'],
  ['信', 'xin'],
  ['德', 'de'],
  ['盛', 'sheng'],
  ['昇', 'sheng'],
  ['宇', 'yu'],
  ['邦', 'bang'],
  ['群', 'qun'],
  ['捷', 'jie'],
  ['碩', 'shuo'],
  ['茂', 'mao'],
  ['利', 'li'],
  ['輝', 'hui'],
  ['峰', 'feng'],
  ['陽', 'yang'],
  ['祥', 'xiang'],
  ['安', 'an'],
  ['和', 'he'],
  ['威', 'wei'],
  ['凱', 'kai'],
  ['鴻', 'hong'],
  ['億', 'yi'],
  ['聖', 'sheng'],
  ['福', 'fu'],
];
const TW_TRADES: [string, string][] = [
  ['科技', 'tech'],
  ['實業', 'industrial'],
  ['貿易', 'trading'],
  ['建設', 'build'],
  ['工程', 'eng'],
  ['物流', 'logistics'],
  ['電子', 'electronic'],
  ['食品', 'food'],
  ['資訊', 'info'],
  ['國際', 'intl'],
  ['企業', 'enterprise'],
  ['投資', 'invest'],
  ['保險', 'insure'],
  ['網路', 'net'],
];
const TW_FORMS = ['股份有限公司', '有限公司', '(股)公司'];
const TW_ROADS = ['中正路', '民生路', '中山路', '復興路', '建國路', '光復路'];

const LV_FORMS = ['SIA', 'AS'];
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
  'Varavīksne',
  'Dzērve',
  'Ozolkalns',
  'Bite',
  'Lapsa',
  'Āzis',
  'Kastanis',
  'Osis',
  'Vītols',
  'Irbe',
  'Mežs',
  'Krasts',
  'Sēta',
  'Rats',
  'Dzirnavas',
  'Strauts',
  'Klints',
  'Lauks',
  'Cielava',
  'Dzenis',
];
const LV_PLACES: [string, string][] = [
  ['Rīgas', 'Rīga'],
  ['Baltijas', 'Rīga'],
  ['Daugavas', 'Daugavpils'],
  ['Kurzemes', 'Liepāja'],
  ['Vidzemes', 'Valmiera'],
  ['Latgales', 'Rēzekne'],
  ['Zemgales', 'Jelgava'],
  ['Jūrmalas', 'Jūrmala'],
  ['Ventspils', 'Ventspils'],
  ['Siguldas', 'Sigulda'],
  ['Cēsu', 'Cēsis'],
  ['Tukuma', 'Tukums'],
  ['Ogres', 'Ogre'],
  ['Bauskas', 'Bauska'],
  ['Talsu', 'Talsi'],
  ['Kuldīgas', 'Kuldīga'],
  ['Saldus', 'Saldus'],
  ['Madonas', 'Madona'],
  ['Gulbenes', 'Gulbene'],
  ['Alūksnes', 'Alūksne'],
  ['Jēkabpils', 'Jēkabpils'],
  ['Limbažu', 'Limbaži'],
  ['Dobeles', 'Dobele'],
  ['Preiļu', 'Preiļi'],
  ['Krāslavas', 'Krāslava'],
];
const LV_TRADES = [
  'Būvnieks',
  'Loģistika',
  'Pārtika',
  'Mežsaimniecība',
  'Tirdzniecība',
  'Transports',
  'Enerģija',
  'Metālapstrāde',
  'Tekstils',
  'Nekustamie īpašumi',
];
const LV_SUFFIXES = ['', ' Grupa', ' Serviss', ' Centrs', ' Partneri', ' Eksperti'];
const LV_QUALIFIERS = ['', 'Ziemeļu ', 'Dienvidu ', 'Austrumu ', 'Rietumu ', 'Lielais '];
const LV_STREETS = ['Brīvības iela', 'Elizabetes iela', 'Krišjāņa Valdemāra iela', 'Lāčplēša iela', 'Tērbatas iela'];

const EN_W1 = [
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
  'Oakmont',
  'Westfield',
  'Stonegate',
  'Riverbend',
  'Clearwater',
  'Highland',
  'Maple',
  'Cedar',
  'Falcon',
  'Eagle',
  'Sterling',
  'Beacon',
  'Meridian',
  'Horizon',
  'Juniper',
  'Kingsley',
  'Ashford',
  'Whitmore',
  'Carrington',
  'Hawthorne',
  'Lexington',
  'Fairview',
  'Brookside',
  'Windsor',
];
const EN_W2 = [
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
  'Mill',
  'Grove',
  'Park',
  'Cove',
  'Glen',
  'Shore',
  'Springs',
  'Hollow',
  'Landing',
  'Heights',
];
const EN_TRADES = [
  'Logistics',
  'Foods',
  'Construction',
  'Manufacturing',
  'Healthcare',
  'Retail',
  'Energy',
  'Properties',
  'Insurance',
  'Capital',
  'Engineering',
  'Distribution',
  'Software',
  'Analytics',
  'Pharmaceuticals',
  'Textiles',
  'Media',
  'Aviation',
  'Marine',
  'Mining',
  'Agriculture',
  'Hospitality',
  'Security',
  'Packaging',
  'Plastics',
  'Chemicals',
  'Furniture',
  'Electronics',
  'Telecom',
  'Robotics',
  'Biotech',
  'Apparel',
  'Printing',
  'Dental',
  'Veterinary',
  'Brewing',
];
/** Founders' surnames some English names start with ("Barlow Northstar Ridge Logistics"). */
const EN_FOUNDERS = [
  '',
  'Barlow ',
  'Calloway ',
  'Davenport ',
  'Ellison ',
  'Fairbanks ',
  'Garrison ',
  'Holloway ',
  'Prescott ',
  'Thornton ',
];
const EN_FORMS = ['Inc.', 'LLC', 'Ltd', 'Corp.', 'Co.', 'Pty Ltd', 'plc'];
const EN_COUNTRIES: [string, string, string[]][] = [
  ['US', 'com', ['Austin', 'Chicago', 'Denver', 'Boston', 'San Jose']],
  ['GB', 'co.uk', ['London', 'Manchester', 'Leeds']],
  ['AU', 'com.au', ['Sydney', 'Melbourne', 'Brisbane']],
  ['CA', 'ca', ['Toronto', 'Vancouver', 'Montréal']],
  ['SG', 'sg', ['Singapore']],
];
const EN_STREETS = ['Main Street', 'Market Street', 'King Street', 'Harbour Road', 'Queen Street', 'Park Avenue'];

/**
 * Customer number i (0-based). Languages rotate, so every 4 consecutive numbers hold one of each; the
 * domain carries i in base 36, so domains are unique.
 */
export function generateCustomer(i: number, seed = 7): GeneratedCustomer {
  const r = rng(seed * 7_368_787 + i);
  const j = Math.floor(i / 4);
  const tag = i.toString(36);
  const house = 1 + Math.floor(r() * 250);
  const withDomain = r() < 0.75;
  // The legal form (and an English name's country) is drawn apart from the name's combination: names
  // differing only by it would be the same name to the matcher, so the combination alone must be unique.
  const form = (n: number) => Math.floor(r() * n);
  switch (i % 4) {
    case 0: {
      const c = combination(j, [1, VN_TRADES.length, VN_S1.length, VN_S2.length, VN_PLACES.length]);
      c[0] = form(VN_FORMS.length);
      const word = `${pickOf(VN_S1, c[2])} ${pickOf(VN_S2, c[3])}`;
      const [place, city, postal] = pickOf(VN_PLACES, c[4]);
      return {
        name: `${pickOf(VN_FORMS, c[0])} ${pickOf(VN_TRADES, c[1])} ${word} ${place}`,
        core: word,
        domain: withDomain ? `${slug(word)}${tag}.${r() < 0.5 ? 'vn' : 'com.vn'}` : null,
        country: 'VN',
        address: { line1: `${house} ${pickOf(VN_STREETS, house % 6)}`, city, postalCode: `${postal}000` },
      };
    }
    case 1: {
      const c = combination(j, [TW_CITIES.length, TW_C1.length, TW_C2.length, TW_TRADES.length, 1]);
      c[4] = form(TW_FORMS.length);
      const [city] = pickOf(TW_CITIES, c[0]);
      const [w1, a1] = pickOf(TW_C1, c[1]);
      const [w2, a2] = pickOf(TW_C2, c[2]);
      const [trade, tradeAscii] = pickOf(TW_TRADES, c[3]);
      return {
        name: `${city}${w1}${w2}${trade}${pickOf(TW_FORMS, c[4])}`,
        core: `${city}${w1}${w2}`,
        domain: withDomain ? `${a1}${a2}${tradeAscii}${tag}.com.tw` : null,
        country: 'TW',
        address: {
          line1: `${pickOf(TW_ROADS, house % 6)}${house}號`,
          city: `${city}市`,
          postalCode: String(100 + (house % 800)),
        },
      };
    }
    case 2: {
      const c = combination(j, [
        1,
        LV_BRANDS.length,
        LV_PLACES.length,
        LV_TRADES.length,
        LV_SUFFIXES.length,
        LV_QUALIFIERS.length,
      ]);
      c[0] = form(LV_FORMS.length);
      const brand = `${pickOf(LV_QUALIFIERS, c[5])}${pickOf(LV_BRANDS, c[1])}`;
      const [place, city] = pickOf(LV_PLACES, c[2]);
      const trade = pickOf(LV_TRADES, c[3]);
      return {
        name: `${pickOf(LV_FORMS, c[0])} "${brand} ${place} ${trade}${pickOf(LV_SUFFIXES, c[4])}"`,
        core: brand,
        domain: withDomain ? `${slug(brand)}${slug(trade).slice(0, 6)}${tag}.lv` : null,
        country: 'LV',
        address: {
          line1: `${pickOf(LV_STREETS, house % 5)} ${house}`,
          city,
          postalCode: `LV-${1001 + (house % 900)}`,
        },
      };
    }
    default: {
      const c = combination(j, [EN_W1.length, EN_W2.length, EN_TRADES.length, EN_FOUNDERS.length]);
      const word = `${pickOf(EN_FOUNDERS, c[3])}${pickOf(EN_W1, c[0])} ${pickOf(EN_W2, c[1])}`;
      c[3] = form(EN_FORMS.length);
      c[4] = form(EN_COUNTRIES.length);
      const [country, tld, cities] = pickOf(EN_COUNTRIES, c[4]);
      return {
        name: `${word} ${pickOf(EN_TRADES, c[2])} ${pickOf(EN_FORMS, c[3])}`,
        core: word,
        domain: withDomain ? `${slug(word)}${tag}.${tld}` : null,
        country,
        address: {
          line1: `${house} ${pickOf(EN_STREETS, house % 6)}`,
          city: pickOf(cities, house % cities.length),
          postalCode: String(10_000 + house * 37),
        },
      };
    }
  }
}

/**
 * A plausible typo of a company's name as a partner types it: one adjacent transposition, deletion or
 * doubled character in its brand's longest word (never the first character).
 */
export function typoOf(c: GeneratedCustomer, r: () => number): string {
  const words = c.core.split(' ');
  let k = 0;
  words.forEach((w, n) => {
    if (Array.from(w).length > Array.from(words[k] ?? '').length) k = n;
  });
  const chars = Array.from(words[k] ?? '');
  if (chars.length < 3) return c.name;
  const at = 1 + Math.floor(r() * (chars.length - 2));
  const kind = Math.floor(r() * 3);
  if (kind === 0) [chars[at], chars[at + 1]] = [chars[at + 1] as string, chars[at] as string];
  else if (kind === 1) chars.splice(at, 1);
  else chars.splice(at, 0, chars[at] as string);
  words[k] = chars.join('');
  return c.name.replace(c.core, words.join(' '));
}
