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

/** Dashes and hyphen-like characters that people put inside numbers. Dots are kept because they tell an Excel-mangled number (4.20106E+17) from a typed one.. */
const SEPARATORS = /[\s\-‐‑‒–—―−]/gu;

/**
 * Prepares a typed or imported code for parsing: half-width, upper case, with
 * spaces and dashes removed.
 */
export function compactCode(input: string): string {
  return toHalfWidth(input).replace(SEPARATORS, '').toUpperCase();
}
