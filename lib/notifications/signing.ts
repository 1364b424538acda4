import { randomBytes } from "node:crypto";

import { Webhook } from "standardwebhooks";

/** A new Standard Webhooks secret: "whsec_" and 24 random bytes in base64. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** Whether a secret is a Standard Webhooks secret: base64 of 24 to 64 bytes, "whsec_" optional. */
export function isSigningSecret(secret: string): boolean {
  const b64 = secret.startsWith("whsec_") ? secret.slice(6) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return false;
  const bytes = Buffer.from(b64, "base64").length;
  return bytes >= 24 && bytes <= 64;
}

/** The three Standard Webhooks headers for one attempt. The id stays the same across retries of a
 * delivery (receivers de-duplicate on it); the timestamp is each attempt's own. */
export function signatureHeaders(
  secret: string,
  webhookId: string,
  body: string,
  at: Date,
): Record<string, string> {
  return {
    "webhook-id": webhookId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(webhookId, at, body),
  };
}
