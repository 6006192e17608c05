const MASK = '*';

/**
 * Masks a phone number for lists and exports. A mobile number keeps its first
 * 3 and last 4 digits (138****0000, also inside +86138****0000). A landline
 * keeps its area code, the last 4 digits of the local number and the
 * extension (0512-****3456). Any other value keeps its first 3 and last 4
 * characters when it has more than 8, and is returned unchanged otherwise,
 * because short numbers are public service numbers. A value that is not a
 * string gives an empty string, so that nothing of it is shown.
 */
export function maskPhoneNumber(phone: string): string {
  if (typeof phone !== 'string') return '';

  const mobile = /^(\+?(?:86)?1\d{2})(\d{4})(\d{4})$/.exec(phone);
  if (mobile) return `${mobile[1]}${MASK.repeat(4)}${mobile[3]}`;

  const landline = /^(0\d{2,3}-)(\d+)(\d{4})((?:-|转|ext|#)\d+)?$/i.exec(phone);
  if (landline) return `${landline[1]}${MASK.repeat(landline[2]?.length ?? 0)}${landline[3]}${landline[4] ?? ''}`;

  const characters = Array.from(phone);
  if (characters.length <= 8) return phone;
  return characters.slice(0, 3).join('') + MASK.repeat(characters.length - 7) + characters.slice(-4).join('');
}
