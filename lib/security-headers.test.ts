import { describe, expect, it } from "vitest";

import { contentSecurityPolicy, newNonce } from "./security-headers";

describe("contentSecurityPolicy", () => {
  it("allows scripts only by nonce, forbids framing, plugins and <base> in production", () => {
    const csp = contentSecurityPolicy("abc123", { development: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("adds 'unsafe-eval' for React's dev tooling only in development", () => {
    expect(contentSecurityPolicy("n", { development: true })).toMatch(/script-src [^;]*'unsafe-eval'/);
  });

  it("lets forms post only to the app, plus the redirect of sign-in to the identity provider's origin", () => {
    expect(contentSecurityPolicy("n", { development: false })).toContain("form-action 'self';");
    const csp = contentSecurityPolicy("n", {
      development: false,
      identityProvider: "https://login.example.com/realms/ops",
    });
    expect(csp).toContain("form-action 'self' https://login.example.com;");
  });
});

describe("newNonce", () => {
  it("is new for every request and carries 128 bits", () => {
    const a = newNonce();
    expect(a).not.toBe(newNonce());
    expect(Buffer.from(a, "base64")).toHaveLength(16);
  });
});
