import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { isSealed, keyId, open, parseKey, seal, SecretBoxError } from "./secret-box";

const KEY = Buffer.alloc(32, 7);
const PURPOSE = "config_backup.secret";

function tamper(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const buf = Buffer.from(parts[part]!, "base64url");
  buf[0] = buf[0]! ^ 0x01;
  parts[part] = buf.toString("base64url");
  return parts.join(".");
}

describe("secret box", () => {
  it("round-trips a value and never stores it in the clear", () => {
    const secret = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
    const sealed = seal(secret, KEY, PURPOSE);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain("hooks.slack.com");
    expect(sealed).not.toContain("SECRET");
    expect(open(sealed, KEY, PURPOSE)).toBe(secret);
  });

  it("seals the same value differently each time (random IV)", () => {
    expect(seal("same", KEY, PURPOSE)).not.toBe(seal("same", KEY, PURPOSE));
  });

  it("round-trips empty and multi-byte values", () => {
    for (const v of ["", "clé-🔑-ключ", "x".repeat(10_000)])
      expect(open(seal(v, KEY, PURPOSE), KEY, PURPOSE)).toBe(v);
  });

  it("refuses a ciphertext, tag or IV altered by one bit", () => {
    const sealed = seal("upstream-api-key-value", KEY, PURPOSE);
    // fbx1 . kid . iv . tag . ct  → parts 2, 3, 4
    for (const part of [2, 3, 4])
      expect(() => open(tamper(sealed, part), KEY, PURPOSE)).toThrow(SecretBoxError);
  });

  it("refuses a value sealed for another purpose (moved to another column)", () => {
    const sealed = seal("whsec_abc", KEY, "notification_channel.signing_secret");
    expect(() => open(sealed, KEY, "notification_channel.secret_url")).toThrow(/integrity/);
  });

  it("says which key sealed a value when the configured key is another", () => {
    const other = randomBytes(32);
    const sealed = seal("v", KEY, PURPOSE);
    expect(() => open(sealed, other, PURPOSE)).toThrow(`key id ${keyId(KEY)}`);
  });

  it("refuses plaintext and malformed envelopes without quoting them", () => {
    expect(() => open("https://example.org/hook", KEY, PURPOSE)).toThrow("Not a sealed value.");
    expect(() => open("fbx1.abc.def", KEY, PURPOSE)).toThrow(/^A sealed value is malformed\.$/);
  });

  it("parses 32-byte keys as base64 or hex and refuses other lengths", () => {
    expect(parseKey(KEY.toString("base64")).equals(KEY)).toBe(true);
    expect(parseKey(KEY.toString("hex")).equals(KEY)).toBe(true);
    expect(() => parseKey(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => parseKey("short")).toThrow(/32 bytes/);
  });
});
