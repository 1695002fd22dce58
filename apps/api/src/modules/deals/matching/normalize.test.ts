import { describe, expect, it } from 'vitest';
import { FREE_MAIL_DOMAINS } from './free-mail';
import { foldHan } from './han-fold';
import {
  foldText,
  isCompanyDomain,
  normaliseAddress,
  normaliseCompanyName,
  normaliseCountry,
  normaliseDomain,
  sameAddress,
  tokenKind,
} from './normalize';

const key = (name: string) => normaliseCompanyName(name).key;

describe('foldText', () => {
  it('folds Vietnamese and Latvian diacritics, đ and other letters NFD leaves alone', () => {
    expect(foldText('Công ty Cổ phần Đường Quảng Ngãi')).toBe('cong ty co phan duong quang ngai');
    expect(foldText('Rīgas ūdens, Latvijas Gāze, Dzelzceļš')).toBe('rigas udens, latvijas gaze, dzelzcels');
    expect(foldText('Straße Øresund Łódź')).toBe('strasse oresund lodz');
  });

  it('treats old and new Vietnamese tone-mark placement alike', () => {
    expect(foldText('Hoà Bình')).toBe(foldText('Hòa Bình'));
  });

  it('folds full-width and half-width forms (NFKC) but keeps kana voicing marks', () => {
    expect(foldText('ＡＣＭＥ　１２３')).toBe('acme 123');
    expect(foldText('ｿﾆｰ')).toBe('ソニー');
    expect(foldText('ガス')).toBe('ガス');
  });

  it('folds Traditional Han to Simplified', () => {
    expect(foldHan('台灣積體電路製造')).toBe('台湾积体电路制造');
    expect(foldText('廣達電腦')).toBe(foldText('广达电脑'));
  });
});

describe('normaliseCompanyName', () => {
  it.each([
    ['Acme Corp', 'acme'],
    ['ACME Corporation', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['Globex L.L.C.', 'globex'],
    ['The Acme Company', 'acme'],
    ['Coffee Bean and Tea Leaf, The', 'coffee bean tea leaf'],
    ['Procter & Gamble Co.', 'procter gamble'],
    ['J. P. Morgan Chase & Co.', 'jp morgan chase'],
    ['Salesforce.com, Inc.', 'salesforce'],
    ["McDonald's Corporation", 'mcdonald'],
    ['Tata Consultancy Services Pvt Ltd', 'tata consulting service'],
    ['DBS Bank Pte Ltd', 'dbs bank'],
    ['Atlassian Pty Ltd', 'atlassian'],
    ['Henkel AG & Co. KGaA', 'henkel'],
    ['Siemens Aktiengesellschaft', 'siemen'],
    ['Fiat S.p.A.', 'fiat'],
    ['Grupo Bimbo, S.A.B. de C.V.', 'bimbo'],
    ['Novo Nordisk A/S', 'novo nordisk'],
    ['AB Volvo', 'volvo'],
    ['Nokia Oyj', 'nokia'],
    ['Allegro.pl sp. z o.o.', 'allegro'],
    ['Türk Telekomünikasyon A.Ş.', 'turk telekomunikasyon'],
    ['PT Telkom Indonesia (Persero) Tbk', 'telkom indonesia'],
    ['SIA "Latvijas Mobilais Telefons"', 'latvia mobilais telefon'],
    ['AS „Latvijas valsts meži”', 'latvia valst mezi'],
    ['UAB "Maxima LT"', 'maxima lt'],
    ['OÜ Bolt Technology', 'bolt technology'],
    ['ООО «Яндекс»', 'яндекс'],
    ['Công ty TNHH Một Thành Viên Xây dựng Minh Long', 'construction minh long'],
    ['CÔNG TY TNHH MTV THƯƠNG MẠI AN KHANG', 'trading an khang'],
    ['Công ty Trách nhiệm Hữu hạn Hải Hà', 'hai ha'],
    ['Tập đoàn Vingroup - Công ty CP', 'vingroup'],
    ['Tổng Công ty Cổ phần Bảo hiểm Petrolimex', 'insurance petrolimex'],
    ['Ngân hàng TMCP Á Châu', 'bank a chau'],
    ['台灣積體電路製造股份有限公司', 'taiwan 积体电路 manufacturing'],
    ['鴻海精密工業(股)公司', '鸿海精密 industry'],
    ['ＡＣＭＥ　股份有限公司', 'acme'],
    ['株式会社日立製作所', '日立 works'],
    ['㈱トヨタ自動車', 'トヨタ自动车'],
    ['パナソニック ホールディングス株式会社', 'パナソニック'],
    ['삼성전자(주)', '삼성전자'],
  ])('%s → %s', (input, expected) => {
    expect(key(input)).toBe(expected);
  });

  it('reports the legal forms it removed', () => {
    expect(normaliseCompanyName('Henkel AG & Co. KGaA').legalForm).toBe('ag co kgaa');
    expect(normaliseCompanyName('Công ty Cổ phần Sữa Việt Nam').legalForm).toBe('cong ty co phan');
    expect(normaliseCompanyName('Acme').legalForm).toBeUndefined();
  });

  it('treats "&", "and", "và", "un", "und", "及" and "與" alike', () => {
    const expected = key('Koks Metals');
    for (const joined of ['Koks & Metals', 'Koks and Metals', 'Koks và Metals', 'Koks un Metāls', 'Koks und Metals']) {
      expect(key(joined)).toBe(expected);
    }
    expect(key('長榮及立榮')).toBe(key('長榮與立榮'));
  });

  it('gives spacing- and order-insensitive keys', () => {
    expect(normaliseCompanyName('Micro Soft Corp').compact).toBe(normaliseCompanyName('Microsoft').compact);
    expect(normaliseCompanyName('Công ty TNHH Phần mềm FPT').sortedKey).toBe(
      normaliseCompanyName('FPT Software Company Limited').sortedKey,
    );
  });

  it('never strips the only word left, and keeps a leading particle', () => {
    // Keys are stemmed ("Beers" → "beer"): internal, and the same on both sides.
    expect(key('AB')).toBe('ab');
    expect(key('Company')).toBe('company');
    expect(key('De Beers')).toBe('de beer');
  });

  it('keeps numbers that tell franchise outlets and numbered companies apart', () => {
    expect(key('Subway Restaurant #1234')).toBe('subway restaurant 1234');
    expect(key('Công ty TNHH Minh Long 2')).toBe('minh long 2');
  });

  it('returns an empty key for a name with nothing in it', () => {
    expect(normaliseCompanyName('  ').key).toBe('');
    expect(normaliseCompanyName('—').tokens).toEqual([]);
  });
});

describe('tokenKind', () => {
  it('separates identity words from generic, place and number words', () => {
    expect(tokenKind('acme')).toBe('distinctive');
    expect(tokenKind('logistic')).toBe('distinctive');
    expect(tokenKind('solution')).toBe('generic');
    expect(tokenKind('vietnam')).toBe('geo');
    expect(tokenKind('1234')).toBe('number');
  });
});

describe('normaliseDomain', () => {
  it.each([
    ['https://sales.acme.co.uk/x', 'acme.co.uk', 'sales.acme.co.uk'],
    ['jan@mail.acme.com.vn', 'acme.com.vn', 'mail.acme.com.vn'],
    ['www.Acme.com', 'acme.com', 'www.acme.com'],
    ['ACME.COM.', 'acme.com', 'acme.com'],
    ['http://www.acme.com:8080/about?x=1#top', 'acme.com', 'www.acme.com'],
    ['mailto:Sales@Acme.lv', 'acme.lv', 'acme.lv'],
    ['https://user:pw@portal.vietcombank.com.vn/', 'vietcombank.com.vn', 'portal.vietcombank.com.vn'],
    ['müller.de', 'xn--mller-kva.de', 'xn--mller-kva.de'],
    ['xn--mller-kva.de', 'xn--mller-kva.de', 'xn--mller-kva.de'],
    ['ａｃｍｅ．ｃｏｍ', 'acme.com', 'acme.com'],
    ['quickprint.github.io', 'quickprint.github.io', 'quickprint.github.io'],
  ])('%s → %s', (input, domain, host) => {
    expect(normaliseDomain(input)).toMatchObject({ domain, host });
  });

  it('returns null when there is no registrable domain', () => {
    for (const bad of ['', '   ', 'localhost', '192.168.1.10', 'http://[::1]/', 'not a domain', 'co.uk', 'jan@']) {
      expect(normaliseDomain(bad)).toBeNull();
    }
  });

  it('flags free-mail providers, which never identify a company', () => {
    for (const address of ['ngoc@gmail.com', 'li@qq.com', 'wang@163.com', 'janis@inbox.lv', 'x@msa.hinet.net']) {
      const d = normaliseDomain(address);
      expect(d?.freeMail).toBe(true);
      expect(d && isCompanyDomain(d)).toBe(false);
    }
    expect(normaliseDomain('jan@acme.lv')?.freeMail).toBe(false);
  });

  it('lets the workspace replace the free-mail list', () => {
    const custom = new Set([...FREE_MAIL_DOMAINS, 'example-isp.vn']);
    expect(normaliseDomain('a@example-isp.vn', { freeMailDomains: custom })?.freeMail).toBe(true);
    expect(normaliseDomain('a@example-isp.vn')?.freeMail).toBe(false);
  });

  it('treats pages on a platform as no company domain, but the platform’s own site as one', () => {
    expect(normaliseDomain('facebook.com/quancaphemoc')?.platform).toBe(true);
    expect(normaliseDomain('https://sites.google.com/view/acme')?.platform).toBe(true);
    expect(normaliseDomain('https://www.facebook.com')?.platform).toBe(false);
    expect(normaliseDomain('https://tiki.vn/')?.platform).toBe(false);
  });
});

describe('normaliseAddress and sameAddress', () => {
  const same = (a: string, b: string) => {
    const na = normaliseAddress(a);
    const nb = normaliseAddress(b);
    return na !== null && nb !== null && sameAddress(na, nb);
  };

  it('matches the same place written in other words, scripts and abbreviations', () => {
    expect(same('123 Nguyễn Huệ, Quận 1, TP.HCM', '123 Nguyen Hue St, District 1, Ho Chi Minh City')).toBe(true);
    expect(same('Brīvības iela 100, Rīga, LV-1001', 'Brivibas iela 100, Riga LV1001')).toBe(true);
    expect(same('12 Main Street, Springfield', '12 Main St., Springfield')).toBe(true);
    expect(same('新北市汐止區新台五路一段88號8樓', '新北市汐止区新台五路一段88号8楼')).toBe(true);
  });

  it('does not match another house number or another street', () => {
    expect(same('12 Main Street, Springfield', '14 Main Street, Springfield')).toBe(false);
    expect(same('45 Lê Lợi, Hà Nội', '45 Trần Hưng Đạo, Hà Nội')).toBe(false);
  });

  it('does not call a bare city an address', () => {
    expect(same('Hà Nội', 'Ha Noi')).toBe(false);
    expect(normaliseAddress(' , ')).toBeNull();
  });
});

describe('normaliseCountry', () => {
  it('accepts ISO alpha-2 only', () => {
    expect(normaliseCountry(' vn ')).toBe('VN');
    expect(normaliseCountry('Vietnam')).toBeUndefined();
    expect(normaliseCountry(null)).toBeUndefined();
  });
});
