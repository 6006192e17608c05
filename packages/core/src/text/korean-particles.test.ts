import { describe, expect, it } from 'vitest';
import { attachKoreanParticles, fieldLabelOf, formatErrorMessage } from '../locales.js';

describe('Korean particles', () => {
  it.each([
    ['현재 위치이(가) 너무 깁니다', '현재 위치가 너무 깁니다'],
    ['전화번호이(가) 올바르지 않습니다', '전화번호가 올바르지 않습니다'],
    ['침상 수을(를) 입력하십시오', '침상 수를 입력하십시오'],
    ['사유은(는) 필수입니다', '사유는 필수입니다'],
    ['증상을(를) 선택하십시오', '증상을 선택하십시오'],
    ['"36,6"이(가) 숫자가 아닙니다', '"36,6"이 숫자가 아닙니다'],
    ['"42"이(가) 범위를 벗어났습니다', '"42"가 범위를 벗어났습니다'],
  ])('%s', (message, expected) => {
    expect(attachKoreanParticles(message)).toBe(expected);
  });

  it('keeps both forms after Latin letters', () => {
    expect(attachKoreanParticles('"abc"이(가) 잘못되었습니다')).toBe('"abc"이(가) 잘못되었습니다');
  });

  it('applies to Korean error messages only', () => {
    expect(formatErrorMessage('ko', 'FIELD_REQUIRED', { field: 'phone' })).not.toContain('(가)');
    expect(formatErrorMessage('ko', 'FIELD_REQUIRED', { field: 'phone' })).not.toContain('(를)');
  });
});

describe('labels of list items', () => {
  it('takes the label of the list', () => {
    expect(fieldLabelOf('en', 'symptoms.3')).toBe(fieldLabelOf('en', 'symptoms'));
    expect(fieldLabelOf('en', 'windows.0.start')).toBe(fieldLabelOf('en', 'start'));
  });
});
