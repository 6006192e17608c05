import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.js';
import { appendNotes, cleanNotes, importedNotesOf, NOTES_MAX_LENGTH } from './input.js';

describe('cleanNotes', () => {
  it('keeps line breaks and folds blank lines', () => {
    expect(cleanNotes('a\r\n\r\n\r\nb\rc\u2028d')).toBe('a\n\nb\nc\nd');
  });

  it('cleans each line like a name', () => {
    expect(cleanNotes('  独居\u200b老人\t 需送药 \n\u3000女儿\u00ad在外地 ')).toBe('独居老人 需送药\n女儿在外地');
  });

  it('returns null for blank text', () => {
    expect(cleanNotes(' \n\u200b\n\u3164 ')).toBeNull();
    expect(cleanNotes(null)).toBeNull();
  });

  it('rejects text over the limit after cleaning', () => {
    // U+0958 has a canonical decomposition that NFC does not recompose, so each grows to two code points.
    const grows = '\u0958'.repeat(NOTES_MAX_LENGTH / 2 + 1);
    expect(() => cleanNotes(grows)).toThrow(AppError);
    expect(cleanNotes('备'.repeat(NOTES_MAX_LENGTH))).toHaveLength(NOTES_MAX_LENGTH);
  });
});

describe('appendNotes', () => {
  it('fills empty notes', () => {
    expect(appendNotes(null, '需要翻译')).toBe('需要翻译');
  });

  it('appends after a line break', () => {
    expect(appendNotes('行动不便', '需要翻译')).toBe('行动不便\n需要翻译');
  });

  it('skips text already stored', () => {
    expect(appendNotes('行动不便\n需要翻译', '需要翻译')).toBe('行动不便\n需要翻译');
    expect(appendNotes('行动不便', null)).toBe('行动不便');
  });

  it('appends text found only inside a line', () => {
    expect(appendNotes('需要翻译员', '翻译')).toBe('需要翻译员\n翻译');
  });
});

describe('importedNotesOf', () => {
  it('writes one line per cell', () => {
    const cells = [
      { header: '备注', value: '独居 ' },
      { header: '工作单位', value: '苏州\u200b大学' },
    ];
    expect(importedNotesOf(cells)).toBe('备注: 独居\n工作单位: 苏州大学');
  });

  it('returns null without cells', () => {
    expect(importedNotesOf([])).toBeNull();
  });
});
