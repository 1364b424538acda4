import { describe, expect, it } from "vitest";

import { authorizationInForce } from "./authorization";

const rec = (id: number, expiresAt: string) => ({
  id,
  authorizedBy: "owner",
  documentUrl: "https://docs/x",
  expiresAt: new Date(expiresAt),
});

describe("written authorization in force", () => {
  it("none recorded, or all expired: none in force; expiry is exclusive", () => {
    const now = new Date("2026-11-28T10:00:00Z");
    expect(authorizationInForce([], now)).toBeNull();
    expect(authorizationInForce([rec(1, "2026-11-28T10:00:00Z")], now)).toBeNull();
    expect(authorizationInForce([rec(1, "2026-11-28T10:00:00.001Z")], now)?.id).toBe(1);
  });

  it("the one that lasts longest wins", () => {
    const now = new Date("2026-11-28T10:00:00Z");
    expect(
      authorizationInForce([rec(1, "2026-12-01T00:00:00Z"), rec(2, "2027-01-01T00:00:00Z")], now)?.id,
    ).toBe(2);
  });
});
