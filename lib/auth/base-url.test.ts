import { describe, expect, it } from "vitest";

import { authBaseURL, usesHttps } from "./base-url";

const hosts = ["localhost", "127.0.0.1", "[::1]", "192.168.1.20"];

describe("sign-in's base URL", () => {
  it("is exactly the configured URL in production", () => {
    expect(authBaseURL({ production: true, configured: "https://fb.example.org", devHosts: hosts })).toBe(
      "https://fb.example.org",
    );
  });

  it("refuses to start in production without FIREBREAK_URL", () => {
    expect(() => authBaseURL({ production: true, devHosts: hosts })).toThrow(/FIREBREAK_URL is not set/);
  });

  it("follows this machine's own hosts on any port in development, else falls back to localhost", () => {
    const config = authBaseURL({ production: false, devHosts: hosts, port: 3100 });
    expect(config).toMatchObject({ fallback: "http://localhost:3100", protocol: "auto" });
    const allowed = typeof config === "string" ? [] : config.allowedHosts;
    for (const h of ["localhost", "localhost:*", "127.0.0.1:*", "[::1]:*", "192.168.1.20:*"])
      expect(allowed).toContain(h);
    expect(allowed.some((h) => h.includes("evil"))).toBe(false);
  });

  it("accepts the configured URL's host in development and falls back to it", () => {
    const config = authBaseURL({ production: false, configured: "http://fb.test:8080", devHosts: hosts });
    expect(config).toMatchObject({ fallback: "http://fb.test:8080" });
    expect(typeof config === "string" ? [] : config.allowedHosts).toContain("fb.test:*");
  });

  it("uses secure cookies only for an https console", () => {
    expect(usesHttps("https://fb.example.org")).toBe(true);
    expect(usesHttps(authBaseURL({ production: false, devHosts: hosts }))).toBe(false);
    expect(usesHttps(undefined)).toBe(false);
  });
});
