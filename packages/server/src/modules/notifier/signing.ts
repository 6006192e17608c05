import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a generic webhook delivery. */
export const TIMESTAMP_HEADER = 'x-cordon-timestamp';
export const SIGNATURE_HEADER = 'x-cordon-signature';

/** A receiver should reject a generic delivery whose timestamp is further than this from its clock (replays). */
export const GENERIC_TOLERANCE_SECONDS = 300;

/** Returns `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`, the X-Cordon-Signature of a generic delivery. */
export function genericSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Checks a generic delivery's signature in constant time, and that its timestamp (Unix seconds) is recent. */
export function verifyGenericSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
): boolean {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > GENERIC_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(genericSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Returns the DingTalk robot URL with `timestamp` (milliseconds) and `sign`
 * appended, as DingTalk's custom robot "加签" security setting documents it:
 * sign = Base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)),
 * URL-encoded. DingTalk rejects a timestamp more than an hour from its clock.
 */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const timestamp = String(timestampMs);
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const signed = new URL(url);
  // URLSearchParams percent-encodes '+', '/' and '=' of the Base64 text.
  signed.searchParams.set('timestamp', timestamp);
  signed.searchParams.set('sign', sign);
  return signed.toString();
}
