import { describe, expect, it } from "vitest";

import { requestIdFor } from "./request-id";

describe("requestIdFor", () => {
  it("keeps an incoming id that looks like one", () => {
    expect(requestIdFor("3f2b9c1e-7d4a-4e8f-9a0b-1c2d3e4f5a6b")).toBe("3f2b9c1e-7d4a-4e8f-9a0b-1c2d3e4f5a6b");
    expect(requestIdFor("lb.trace:42-abcdef")).toBe("lb.trace:42-abcdef");
  });

  it("replaces a missing, short, overlong or unsafe id with a fresh UUID", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const bad of [null, "", "short", "x".repeat(129), 'evil"\n{"level":"error"}', "a b c d e f g h"]) {
      expect(requestIdFor(bad)).toMatch(uuid);
    }
    expect(requestIdFor(null)).not.toBe(requestIdFor(null));
  });
});
