import { expect, test } from 'vitest';
import { maskPhoneNumber } from './index.js';

test.each([
  ['13800000000', '138****0000'],
  ['13912345678', '139****5678'],
  ['+8613912345678', '+86139****5678'],
  ['0512-65223456', '0512-****3456'],
  ['010-65223456', '010-****3456'],
  ['0951-5022345', '0951-***2345'],
  ['0512-65223456转801', '0512-****3456转801'],
  ['+8651265223456', '+86*******3456'],
  ['400-123-4567', '400*****4567'],
  ['12345', '12345'],
  ['110', '110'],
  ['', ''],
])('mask %s', (phone, masked) => {
  expect(maskPhoneNumber(phone)).toBe(masked);
});

test.each([[null], [undefined], [13800000000], [{}]])('mask of %j', (value) => {
  expect(maskPhoneNumber(value as unknown as string)).toBe('');
});
