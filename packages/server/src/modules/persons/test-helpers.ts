import { computeGb11643CheckDigit } from '@cordon/core';

/**
 * Builds a made-up 18-digit resident ID of 姑苏区 (320508) with a correct
 * GB 11643 check digit. The sequence part keeps test numbers apart.
 */
export function testResidentId(sequence: number, birthDate = '19850315'): string {
  const body = `320508${birthDate}${String(sequence).padStart(3, '0')}`;
  return body + (computeGb11643CheckDigit(body) ?? '');
}

/** Builds a test resident ID whose check digit is X, trying sequence numbers from `from` upwards. */
export function testResidentIdEndingInX(from: number): string {
  for (let sequence = from; sequence < from + 100; sequence++) {
    const id = testResidentId(sequence);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no check digit X within 100 sequence numbers');
}

/** Converts ASCII digits and letters to full-width forms, as some input methods type them. */
export function toFullWidth(text: string): string {
  return text.replace(/[0-9A-Za-z]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
}

/** Changes the last digit of an ID, so the check digit no longer matches. */
export function withWrongCheckDigit(id: string): string {
  const last = id.slice(-1);
  return id.slice(0, -1) + (last === '0' ? '1' : '0');
}
