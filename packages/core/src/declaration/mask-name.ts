/**
 * Masks a name for a public page: the first character stays and every other
 * letter becomes "*" (张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J*** *****).
 * Spaces and the middle dot of transliterated names stay, so the shape shows.
 */
export function maskPersonName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length === 0) return '';
  const [first, ...rest] = characters;
  return first + rest.map((character) => (/[\s·]/u.test(character) ? character : '*')).join('');
}
