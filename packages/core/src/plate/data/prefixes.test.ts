import { describe, expect, it } from 'vitest';
import { PROVINCE_ABBREVIATIONS, type ProvinceAbbreviation } from '../provinces.js';
import { PLATE_PREFIXES } from './prefixes.js';

const PROVINCES = Object.keys(PROVINCE_ABBREVIATIONS) as ProvinceAbbreviation[];

function provinceOf(prefix: string) {
  return PROVINCE_ABBREVIATIONS[prefix.charAt(0) as ProvinceAbbreviation];
}

describe('PLATE_PREFIXES table', () => {
  it('has over 400 entries', () => {
    expect(PLATE_PREFIXES.length).toBeGreaterThan(400);
  });

  it('has each prefix once', () => {
    const prefixes = PLATE_PREFIXES.map((entry) => entry.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('starts every prefix with a province character and a letter other than I', () => {
    for (const { prefix } of PLATE_PREFIXES) {
      expect(provinceOf(prefix), prefix).toBeDefined();
      expect(prefix.charAt(1), prefix).toMatch(/^[A-HJ-Z]$/);
      expect(prefix.length, prefix).toBe(2);
    }
  });

  it('names the province of the prefix character', () => {
    for (const { prefix, province } of PLATE_PREFIXES) {
      expect(province, prefix).toBe(provinceOf(prefix)?.name);
    }
  });

  it('uses region codes inside the province', () => {
    for (const { prefix, regionCode } of PLATE_PREFIXES) {
      expect(regionCode, prefix).toMatch(/^[1-6][0-9]{5}$/);
      expect(regionCode.slice(0, 2), prefix).toBe(provinceOf(prefix)?.code.slice(0, 2));
    }
  });

  it('gives city-level codes only with a city name', () => {
    for (const { prefix, city, regionCode } of PLATE_PREFIXES) {
      if (!regionCode.endsWith('0000')) expect(city, prefix).toBeDefined();
    }
  });

  it.each(PROVINCES)('has the capital letter A and police letter O for %s', (abbr) => {
    const prefixes = new Set(PLATE_PREFIXES.map((entry) => entry.prefix));
    expect(prefixes.has(`${abbr}A`)).toBe(true);
    expect(prefixes.has(`${abbr}O`)).toBe(true);
  });

  it('explains every uncertain entry in a note', () => {
    for (const { prefix, uncertain, note } of PLATE_PREFIXES) {
      if (uncertain) expect(note, prefix).toBeDefined();
    }
  });
});
