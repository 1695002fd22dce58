import { describe, expect, it } from 'vitest';
import { neutralise } from './csv-out';
import {
  caselessKey,
  domainOf,
  nameKey,
  normaliseCountry,
  normaliseSizeBand,
  normaliseType,
  normaliseWebsite,
  splitList,
  unneutralise,
} from './normalise';

describe('normaliseCountry', () => {
  it.each([
    ['VN', 'VN'],
    ['vn', 'VN'],
    ['Vietnam', 'VN'],
    ['Viet Nam', 'VN'],
    ['Việt Nam', 'VN'],
    ['VIỆT NAM', 'VN'],
    ['越南', 'VN'],
    ['Vjetnama', 'VN'],
    ['Taiwan', 'TW'],
    ['Taiwan, Province of China', 'TW'],
    ['台灣', 'TW'],
    ['臺灣', 'TW'],
    ['Đài Loan', 'TW'],
    ['Latvia', 'LV'],
    ['Latvija', 'LV'],
    ['拉脫維亞', 'LV'],
    ['USA', 'US'],
    ['United States of America', 'US'],
    ['Hoa Kỳ', 'US'],
    ['UK', 'GB'],
    ['United Kingdom', 'GB'],
    ['Germany', 'DE'],
    ['Vācija', 'DE'],
    ['Korea, Republic of', 'KR'],
    ['Czech Republic', 'CZ'],
    ['  Japan ', 'JP'],
  ])('%s → %s', (text, code) => {
    expect(normaliseCountry(text)).toBe(code);
  });

  it('knows nothing of made-up places, pseudo-regions or blanks', () => {
    expect(normaliseCountry('Atlantis')).toBeNull();
    expect(normaliseCountry('EU')).toBeNull();
    expect(normaliseCountry('ZZ')).toBeNull();
    expect(normaliseCountry('')).toBeNull();
  });
});

describe('normaliseType', () => {
  it.each([
    ['Reseller', 'reseller'],
    ['Channel Partner / Reseller', 'reseller'],
    ['Distributor', 'distributor'],
    ['VAR', 'var'],
    ['Value-Added Reseller', 'var'],
    ['MSP', 'msp'],
    ['Managed Service Provider', 'msp'],
    ['Referral', 'referral'],
    ['Technology Partner', 'technology'],
    ['Integrator', 'si'],
    ['System Integrator', 'si'],
    ['Installation Partner', 'si'],
    ['si', 'si'],
    ['affiliate', 'affiliate'],
    ['Alliance', 'alliance'],
  ])('%s → %s', (text, type) => {
    expect(normaliseType(text)).toBe(type);
  });

  it('refuses customer and prospect types', () => {
    expect(normaliseType('Customer - Direct')).toBeNull();
    expect(normaliseType('Prospect')).toBeNull();
  });
});

describe('normaliseSizeBand', () => {
  it.each([
    ['5', '1-10'],
    ['0', '1-10'],
    ['11', '11-50'],
    ['250', '201-1000'],
    ['1,200', '1001-5000'],
    ['1 200', '1001-5000'],
    ['12000', '5001+'],
    ['51-200', '51-200'],
    ['5001+', '5001+'],
    ['1,001-5,000', '1001-5000'],
    ['10K+', '5001+'],
  ])('%s → %s', (text, band) => {
    expect(normaliseSizeBand(text)).toBe(band);
  });

  it('refuses words', () => {
    expect(normaliseSizeBand('lots')).toBeNull();
    expect(normaliseSizeBand('')).toBeNull();
  });
});

describe('websites and domains', () => {
  it('adds https:// to bare hosts and keeps full URLs', () => {
    expect(normaliseWebsite('www.acme.com')).toBe('https://www.acme.com');
    expect(normaliseWebsite('acme.com/partners')).toBe('https://acme.com/partners');
    expect(normaliseWebsite('http://acme.com')).toBe('http://acme.com');
    expect(normaliseWebsite(' ')).toBeNull();
  });

  it('derives the domain the partners module stores', () => {
    expect(domainOf('https://WWW.Acme.com/x')).toBe('acme.com');
    expect(domainOf('acme.vn')).toBe('acme.vn');
    expect(domainOf('')).toBeNull();
  });
});

describe('lists and names', () => {
  it('splits on semicolons when present, else commas, dropping blanks and repeats', () => {
    expect(splitList('cloud; security; cloud')).toEqual(['cloud', 'security']);
    expect(splitList('a, b,,c')).toEqual(['a', 'b', 'c']);
    expect(splitList('Oil, gas; Mining')).toEqual(['Oil, gas', 'Mining']);
    expect(splitList('')).toEqual([]);
  });

  it('compares names ignoring case, accents and punctuation where meant to', () => {
    expect(nameKey('ACME, Inc.')).toBe(nameKey('Acme Inc'));
    expect(nameKey('Công ty Đông Á')).toBe(nameKey('cong ty dong a'));
    expect(caselessKey('ĐÔNG Á  Ltd')).toBe(caselessKey('đông á ltd'));
    expect(caselessKey('Đông Á')).not.toBe(caselessKey('Dong A'));
  });
});

describe('formula neutralisation', () => {
  it('prefixes risky cells and the importer takes the prefix off again', () => {
    for (const risky of ['=cmd()', '+84 28 3822 1234', '-5', '@SUM(A1)', '\tx', '\rx']) {
      const out = neutralise(risky);
      expect(out).toBe(`'${risky}`);
      expect(unneutralise(out)).toBe(risky);
    }
    expect(neutralise('Acme')).toBe('Acme');
    expect(unneutralise("'quoted on purpose")).toBe("'quoted on purpose");
  });
});
