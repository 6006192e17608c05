import { describe, expect, it } from 'vitest';
import { splitBodyLinks } from './data.js';

describe('splitBodyLinks', () => {
  it('return plain text as one segment', () => {
    expect(splitBodyLinks('【社区防控】您的健康申报验证码为 482913')).toEqual([{ text: '【社区防控】您的健康申报验证码为 482913' }]);
  });

  it('separate a link followed by a space', () => {
    expect(splitBodyLinks('Declare: https://cordon.example/d/abc This link is yours.')).toEqual([
      { text: 'Declare: ' },
      { text: 'https://cordon.example/d/abc', href: 'https://cordon.example/d/abc' },
      { text: ' This link is yours.' },
    ]);
  });

  it('end a link at full-width punctuation', () => {
    expect(splitBodyLinks('请点击：http://127.0.0.1:3000/declare/x。')).toEqual([
      { text: '请点击：' },
      { text: 'http://127.0.0.1:3000/declare/x', href: 'http://127.0.0.1:3000/declare/x' },
      { text: '。' },
    ]);
  });

  it('link only http and https', () => {
    expect(splitBodyLinks('javascript:alert(1) ftp://x')).toEqual([{ text: 'javascript:alert(1) ftp://x' }]);
  });

  it('find a link at the end', () => {
    const segments = splitBodyLinks('提醒：https://a.example/d/1');
    expect(segments.at(-1)).toEqual({ text: 'https://a.example/d/1', href: 'https://a.example/d/1' });
  });
});
