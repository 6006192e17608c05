/**
 * Builds an attachment Content-Disposition header with a plain ASCII
 * `filename` for old clients and the exact name in `filename*` as UTF-8
 * (RFC 6266 with the encoding of RFC 5987/8187). Characters outside the
 * visible ASCII range, quotes and backslashes in the fallback become "_".
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * unescaped, but RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
