import type { FormItemRule } from 'element-plus';
import { describe, expect, it } from 'vitest';
import { buildLoadRegionRules, isRegionCodeShape, readRegionCodeInput } from './data.js';

describe('isRegionCodeShape', () => {
  it.each(['32', '3205', '320508', '320500', '320508018', '320508018014'])('accepts %s', (code) => {
    expect(isRegionCodeShape(code)).toBe(true);
  });

  it.each(['3', '320', '32050', '3205080', '32050801', '3205080180', '32050801801', '3205080180141'])(
    'rejects %s by its length',
    (code) => {
      expect(isRegionCodeShape(code)).toBe(false);
    },
  );

  it.each(['', '32a5', '3205 08', '３２０５０８', '-32050'])('rejects %j for its characters', (code) => {
    expect(isRegionCodeShape(code)).toBe(false);
  });
});

describe('readRegionCodeInput', () => {
  it('turns full-width digits into ASCII', () => {
    expect(readRegionCodeInput('３２０５００')).toBe('320500');
  });

  it('drops spaces inside and around the code', () => {
    expect(readRegionCodeInput(' 320 508\t018 ')).toBe('320508018');
  });

  it('keeps other characters for the shape check to reject', () => {
    expect(readRegionCodeInput('3205-08')).toBe('3205-08');
  });
});

describe('load region code rule', () => {
  const t = (key: string) => key;
  const [, shapeRule] = buildLoadRegionRules(t).code;

  function validate(value: string): string | undefined {
    const rule = shapeRule as FormItemRule & { validator: (rule: unknown, value: unknown, callback: (error?: Error) => void) => void };
    let message: string | undefined;
    rule.validator({}, value, (error) => (message = error?.message));
    return message;
  }

  it('passes a county code', () => {
    expect(validate('320508')).toBeUndefined();
  });

  it('passes full-width digits', () => {
    expect(validate('３２０５０８')).toBeUndefined();
  });

  it('reports a 5-digit code', () => {
    expect(validate('32050')).toBe('jurisdictions.loadRegion.codeInvalid');
  });

  it('leaves an empty field to the required rule', () => {
    expect(validate('')).toBeUndefined();
  });
});
