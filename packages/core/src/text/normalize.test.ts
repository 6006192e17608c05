import { describe, expect, it } from 'vitest';
import { cleanName, compactCode, hasForbiddenNameCharacters, toHalfWidth } from './normalize.js';

describe('text normalisation', () => {
  it.each([
    ['３２０５', '3205'],
    ['Ａｂ', 'Ab'],
    ['a\u3000b', 'a b'],
  ])('toHalfWidth %s', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  it.each([
    ['3205 0519-9001', '320505199001'],
    ['\u200e320505\u200f', '320505'],
    ['\ufeff32\u200b05', '3205'],
    ['4.20106e+17', '4.20106E+17'],
  ])('compactCode %s', (input, expected) => {
    expect(compactCode(input)).toBe(expected);
  });

  it.each([
    ['  王  小明 ', '王 小明'],
    ['第一网格\u200b', '第一网格'],
    ['阿卜杜·热合曼', '阿卜杜·热合曼'],
    ['阿卜杜・热合曼', '阿卜杜·热合曼'],
    ['阿卜杜•热合曼', '阿卜杜·热合曼'],
    ['阿卜杜･热合曼', '阿卜杜·热合曼'],
    ['阿卜杜‧热合曼', '阿卜杜·热合曼'],
    ['𠮷田', '𠮷田'],
    ['王\u200d小明', '王小明'],
    ['王小明\u202e', '王小明'],
    ['𠀀𪚥', '𠀀𪚥'],
    ['a\u0000b\nc', 'a b c'],
    ['\u202eevil', 'evil'],
    ['\u200b \u200b', ''],
    ['e\u0301', 'é'],
    ['\u3164', ''],
    ['\u2800\u2800', ''],
    ['\u0301', ''],
    ['a\u00adb', 'ab'],
    ['\u{E0041}名', '名'],
  ])('cleanName %j', (input, expected) => {
    expect(cleanName(input)).toBe(expected);
  });

  it.each(['a\u0000b', '\u001b[31m张三', '王\n小明', '\u202e测试', '\u2066张三\u2069', '\ud800张', '张\udc00'])(
    'forbidden name characters in %j',
    (input) => {
      expect(hasForbiddenNameCharacters(input)).toBe(true);
    },
  );

  it.each(['王小明', '阿卜杜·热合曼', '𠮷田', '𠀀𪚥', 'John Smith', "O'Brien"])('name %j is allowed', (input) => {
    expect(hasForbiddenNameCharacters(input)).toBe(false);
  });
});
