/** Masking character of lists and exports. */
const MASK = '*';

/**
 * Masks the middle of a document number for lists and exports: an 18-digit
 * number keeps its first and last 4 characters (3205**********123X). Shorter
 * numbers keep a quarter of their length at each end, so that at least half
 * of every number is hidden. A value that is not a string gives an empty
 * string, so that nothing of it is shown.
 */
export function maskIdentityNumber(number: string): string {
  if (typeof number !== 'string') return '';

  const characters = Array.from(number);
  const visibleAtEachEnd = Math.min(4, Math.floor(characters.length / 4));
  const hidden = characters.length - 2 * visibleAtEachEnd;

  const head = characters.slice(0, visibleAtEachEnd).join('');
  const tail = characters.slice(characters.length - visibleAtEachEnd).join('');
  return head + MASK.repeat(hidden) + tail;
}
