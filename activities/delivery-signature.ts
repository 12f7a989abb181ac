import { createHmac } from 'node:crypto';

/**
 * The signature every delivery carries, so a listener can tell the event came from diffo:
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the exact body bytes, keyed by the
 * subscription's secret>` (the header GitHub and WebSub use). A listener recomputes it over
 * the raw body and compares in constant time.
 */
export const signatureHeader = 'x-hub-signature-256';

export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
