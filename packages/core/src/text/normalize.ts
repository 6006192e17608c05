const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_TO_HALF_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

/**
 * Converts full-width ASCII forms (U+FF01–U+FF5E, as typed with a Chinese
 * input method) and the ideographic space to their ASCII equivalents.
 */
export function toHalfWidth(input: string): string {
  let output = '';
  for (const char of input) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) {
      output += String.fromCodePoint(code - FULL_TO_HALF_OFFSET);
    } else if (code === IDEOGRAPHIC_SPACE) {
      output += ' ';
    } else {
      output += char;
    }
  }
  return output;
}

/**
 * Dashes and hyphen-like characters that people put inside numbers. Dots are
 * kept because they tell an Excel-mangled number (4.20106E+17) from a typed one.
 */
const SEPARATORS = /[\s\-‐‑‒–—―−]/gu;

/**
 * Characters that are invisible when printed: zero-width spaces and joiners,
 * the byte-order mark, word joiner, and the bidirectional marks, embeddings,
 * overrides and isolates (U+200E/F, U+202A–E, U+2066–9). Text pasted from web
 * pages, chat apps and PDFs carries them, and two names that look the same
 * must compare equal.
 */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/** Format characters and code points that Unicode specifies to render as nothing (U+00AD, U+180E, tag characters, …). */
const IGNORABLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** C0 and C1 control characters, including NUL, tab and line breaks. */
const CONTROL = /\p{Cc}/gu;

/**
 * Prepares a typed or imported code for parsing: half-width, upper case, with
 * spaces and dashes removed.
 */
export function compactCode(input: string): string {
  return toHalfWidth(input).replace(INVISIBLE, '').replace(SEPARATORS, '').toUpperCase();
}

/**
 * Dots that stand in for the middle dot (U+00B7) between the parts of a
 * transliterated name: the bullet, hyphenation point, bullet operator and
 * the katakana middle dots that Japanese and some Chinese input methods type.
 * Rosters mix them, and 阿卜杜・热合曼 must find 阿卜杜·热合曼.
 */
const MIDDLE_DOT_VARIANTS = /[\u2022\u2027\u2219\u30FB\uFF65]/gu;

/** Characters no person's name contains: C0 and C1 controls, bidirectional embeddings, overrides and isolates, and lone UTF-16 surrogates. */
const FORBIDDEN_IN_NAME = /[\p{Cc}\u202A-\u202E\u2066-\u2069\p{Cs}]/u;

/**
 * True when a typed name contains a character that no name contains (NUL,
 * ESC, a line break, U+202E, a lone surrogate). Such a name is rejected with
 * an error rather than cleaned, because it comes from a script or a paste of
 * something else, and a right-to-left override would make the stored name
 * display reversed. `·` and characters outside the BMP are allowed.
 */
export function hasForbiddenNameCharacters(input: string): boolean {
  return FORBIDDEN_IN_NAME.test(input);
}

/**
 * Cleans a name typed by a person (a display name, a grid or device name):
 * NFC form, invisible and control characters removed, runs of spaces folded
 * to one, and trimmed. Characters outside the BMP and the middle dot of
 * transliterated names (阿卜杜·热合曼) are kept, with its look-alikes turned
 * into it. An empty result means the name was blank.
 */
export function cleanName(input: string): string {
  const cleaned = input
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(IGNORABLE, '')
    .replace(CONTROL, ' ')
    .replace(MIDDLE_DOT_VARIANTS, '·')
    .replace(/\s+/gu, ' ')
    .trim();
  // Fillers such as U+3164 or U+2800 and lone combining marks print as blanks: a name needs a letter or digit.
  return /[\p{L}\p{N}]/u.test(cleaned) ? cleaned : '';
}
