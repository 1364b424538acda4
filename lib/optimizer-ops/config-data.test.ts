import { describe, expect, it } from "vitest";

import { canonicalJson, dataDiff, maskedSecretValue, sha256Hex } from "./config-data";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("configuration data", () => {
  it("has one canonical form and checksum whatever the key order", () => {
    expect(canonicalJson({ b: "2", a: "1" })).toBe('{"a":"1","b":"2"}');
    expect(sha256Hex(canonicalJson({ b: "2", a: "1" }))).toBe(sha256Hex(canonicalJson({ a: "1", b: "2" })));
  });

  it("diffs a ConfigMap key by key: changed, added and removed", () => {
    expect(dataDiff("ConfigMap", { a: "1", b: "2" }, { a: "1", b: "3", c: "4" })).toEqual([
      { path: "data.b", before: "2", after: "3" },
      { path: "data.c", before: null, after: "4" },
    ]);
    expect(dataDiff("ConfigMap", { gone: "x" }, {})).toEqual([
      { path: "data.gone", before: "x", after: null },
    ]);
  });

  it("never shows a Secret value in a diff, only sizes", () => {
    const lines = dataDiff(
      "Secret",
      { key: b64("old-secret-value"), same: b64("x") },
      { key: b64("new-secret-value"), added: b64("token-123") },
    );
    const text = JSON.stringify(lines);
    for (const secret of ["old-secret-value", "new-secret-value", "token-123"]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(b64(secret));
    }
    expect(lines).toEqual([
      { path: "data.added", before: null, after: "•••••• (9 bytes)" },
      { path: "data.key", before: "•••••• (16 bytes)", after: "•••••• (16 bytes), different value" },
      { path: "data.same", before: "•••••• (1 bytes)", after: null },
    ]);
  });

  it("masks a value to its decoded size", () => {
    expect(maskedSecretValue(b64("demo-not-a-real-key"))).toBe("•••••• (19 bytes)");
  });
});
