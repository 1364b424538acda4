import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Sealing secrets at rest: AES-256-GCM (node:crypto) with a 32-byte key from configuration.
 * A sealed value is one printable string, `fbx1.<key id>.<iv>.<tag>.<ciphertext>` (base64url),
 * so it fits a TEXT column. The key id (first 8 hex digits of SHA-256 of the key) says which key
 * sealed it; the purpose (e.g. "notification_channel.secret_url") is bound as additional
 * authenticated data, so a sealed value copied into another column does not open there.
 * Pure apart from the random IV: the key is passed in (see `key.ts` for where it comes from).
 */
export const SEALED_PREFIX = "fbx1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {}

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** Parses a configured key: 32 bytes as base64 (44 characters) or hex (64 characters). */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32)
    throw new SecretBoxError(
      "The secret key must be 32 bytes, as base64 (openssl rand -base64 32) or 64 hex digits.",
    );
  return key;
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

export function seal(plaintext: string, key: Buffer, purpose: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${SEALED_PREFIX}${keyId(key)}.${b64(iv)}.${b64(tag)}.${b64(ct)}`;
}

/** Opens a sealed value; throws SecretBoxError (never quoting the value) when it was sealed
 * with another key or purpose, or has been altered. */
export function open(sealed: string, key: Buffer, purpose: string): string {
  if (!isSealed(sealed)) throw new SecretBoxError("Not a sealed value.");
  const parts = sealed.slice(SEALED_PREFIX.length).split(".");
  if (parts.length !== 4) throw new SecretBoxError("A sealed value is malformed.");
  const [kid, iv, tag, ct] = parts as [string, string, string, string];
  if (kid !== keyId(key))
    throw new SecretBoxError(`Sealed with another key (key id ${kid}); the configured key is ${keyId(key)}.`);
  const ivBuf = Buffer.from(iv, "base64url");
  const tagBuf = Buffer.from(tag, "base64url");
  if (ivBuf.length !== IV_BYTES || tagBuf.length !== TAG_BYTES)
    throw new SecretBoxError("A sealed value is malformed.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, ivBuf, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(purpose, "utf8"));
    decipher.setAuthTag(tagBuf);
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("A sealed value failed its integrity check (altered, or another purpose).");
  }
}

function b64(buf: Buffer): string {
  return buf.toString("base64url");
}
