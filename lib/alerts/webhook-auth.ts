import { createHmac, timingSafeEqual } from "node:crypto";

/** `Authorization: Bearer <token>` (Alertmanager's `http_config.authorization.credentials`),
 * compared in constant time. Checked before the body is read. */
export function hasValidBearer(headers: Headers, token: string | undefined): boolean {
  if (!token) return false;
  const m = /^Bearer\s+(.+)$/i.exec(headers.get("authorization") ?? "");
  return !!m && safeEqual(m[1]!.trim(), token);
}

/** An HMAC-SHA256 of the exact body (hex) in `X-Firebreak-Signature` or Grafana's
 * `X-Grafana-Alerting-Signature`, compared in constant time. */
export function hasValidSignature(headers: Headers, body: Buffer, secret: string | undefined): boolean {
  if (!secret) return false;
  const sig = headers.get("x-firebreak-signature") ?? headers.get("x-grafana-alerting-signature");
  if (!sig) return false;
  const expected = createHmac("sha256", secret).update(body).digest("hex");
  return safeEqual(
    sig
      .trim()
      .toLowerCase()
      .replace(/^sha256=/, ""),
    expected,
  );
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
