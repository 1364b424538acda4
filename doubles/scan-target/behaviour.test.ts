import { describe, expect, it } from "vitest";

import { answer, DEFAULT_BEHAVIOUR, picked } from "./behaviour";

describe("scan target behaviour", () => {
  it("picks exactly rate × n requests, spread evenly", () => {
    const count = (rate: number, n: number) =>
      Array.from({ length: n }, (_, k) => picked(k, rate)).filter(Boolean).length;
    expect(count(0.8, 100)).toBe(80);
    expect(count(0, 100)).toBe(0);
    expect(count(1, 7)).toBe(7);
  });

  it("a vulnerable target reflects the Origin with credentials and exposes the actuator route; a hardened one does not", () => {
    const v = answer(DEFAULT_BEHAVIOUR, 0, {
      method: "GET",
      path: "/api/x",
      origin: "https://evil.example.com",
    });
    expect(v).toMatchObject({
      kind: "reply",
      status: 200,
      headers: { "access-control-allow-origin": "https://evil.example.com" },
    });
    const h = answer({ ...DEFAULT_BEHAVIOUR, vulnerable: false }, 0, {
      method: "GET",
      path: "/actuator/gateway/routes",
    });
    expect(h).toMatchObject({ kind: "reply", status: 403, headers: { "x-content-type-options": "nosniff" } });
  });

  it("flaky answers 503, hanging never answers", () => {
    expect(answer({ ...DEFAULT_BEHAVIOUR, failRate: 1 }, 3, { method: "GET", path: "/api" })).toMatchObject({
      status: 503,
    });
    expect(answer({ ...DEFAULT_BEHAVIOUR, hangRate: 1 }, 3, { method: "GET", path: "/api" })).toEqual({
      kind: "hang",
    });
  });
});
