import { describe, expect, it } from 'vitest';
import { canCommit, checkUploadFile, fileNameFromDisposition, mappingLabelKey, MAX_UPLOAD_MIB, statusTagType } from './data.js';

describe('checkUploadFile', () => {
  it.each([
    [{ name: '返苏人员.xlsx', size: 2048 }, null],
    [{ name: 'ROSTER.CSV', size: 10 }, null],
    [{ name: 'old.xls', size: 2048 }, 'imports.upload.xlsNotSupported'],
    [{ name: 'photo.png', size: 2048 }, 'imports.upload.typeNotAccepted'],
    [{ name: 'empty.csv', size: 0 }, 'imports.upload.empty'],
    [{ name: 'big.xlsx', size: MAX_UPLOAD_MIB * 1024 * 1024 + 1 }, 'imports.upload.tooLarge'],
  ])('checks %j', (file, expected) => {
    expect(checkUploadFile(file)?.key ?? null).toBe(expected);
  });

  it('names the limit of a file too large', () => {
    expect(checkUploadFile({ name: 'big.xlsx', size: 64 * 1024 * 1024 })?.params).toEqual({ limit: MAX_UPLOAD_MIB });
  });
});

describe('fileNameFromDisposition', () => {
  it.each([
    [
      `attachment; filename="_____-2026-12-04.xlsx"; filename*=UTF-8''%E4%BA%BA%E5%91%98%E6%A1%A3%E6%A1%88-2026-12-04.xlsx`,
      '人员档案-2026-12-04.xlsx',
    ],
    ['attachment; filename="arrivals-template.xlsx"', 'arrivals-template.xlsx'],
    ['attachment; filename=plain.xlsx', 'plain.xlsx'],
    ['attachment; filename="a\\"b.xlsx"', 'a"b.xlsx'],
    [`attachment; filename="fallback.xlsx"; filename*=UTF-8''%E4%ZZ`, 'fallback.xlsx'],
    ['attachment', null],
    [null, null],
  ])('reads %j', (header, expected) => {
    expect(fileNameFromDisposition(header)).toBe(expected);
  });
});

describe('canCommit', () => {
  const totals = { rows: 5, valid: 3, invalid: 2, duplicatesInFile: 0, existing: 0 };

  it('allows a previewed import with valid rows', () => {
    expect(canCommit({ status: 'previewed', totals })).toBe(true);
  });

  it('rejects an import without valid rows', () => {
    expect(canCommit({ status: 'previewed', totals: { ...totals, valid: 0 } })).toBe(false);
  });

  it.each(['committed', 'expired'] as const)('rejects a %s import', (status) => {
    expect(canCommit({ status, totals })).toBe(false);
  });
});

describe('import labels', () => {
  it('maps an unmatched header to kept as notes', () => {
    expect(mappingLabelKey(null)).toBe('imports.mapping.keptAsNotes');
    expect(mappingLabelKey('documentNumber')).toBe('imports.fields.documentNumber');
  });

  it('colours statuses', () => {
    expect(statusTagType('committed')).toBe('success');
    expect(statusTagType('previewed')).toBe('warning');
    expect(statusTagType('expired')).toBe('info');
  });
});
