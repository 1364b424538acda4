import { describe, expect, it } from "vitest";

import { parsePeriod } from "./period";

const now = new Date("2026-11-28T12:00:00.000Z");

describe("report period", () => {
  it("ends now and starts 7 days before for the 7-day range", () => {
    expect(parsePeriod({ range: "7d" }, now)).toEqual({
      ok: true,
      period: { range: "7d", from: new Date("2026-11-21T12:00:00.000Z"), to: now, label: "Last 7 days" },
    });
  });

  it("falls back to the last 30 days for a missing or unknown range", () => {
    for (const params of [{}, { range: "1y" }]) {
      const r = parsePeriod(params, now);
      expect(r.ok && r.period.from.toISOString()).toBe("2026-10-29T12:00:00.000Z");
    }
  });

  it("includes the whole to day of a custom range", () => {
    const r = parsePeriod({ range: "custom", from: "2026-11-01", to: "2026-11-07" }, now);
    expect(r).toMatchObject({
      ok: true,
      period: { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-08T00:00:00Z") },
    });
  });

  it("refuses a custom range that is reversed, impossible, malformed, too long or half given", () => {
    const refuse = (p: Record<string, string>) => parsePeriod({ range: "custom", ...p }, now);
    expect(refuse({ from: "2026-11-07", to: "2026-11-01" })).toMatchObject({ ok: false });
    expect(refuse({ from: "2026-02-30", to: "2026-03-01" })).toEqual({
      ok: false,
      error: "That date does not exist.",
    });
    expect(refuse({ from: "11/01/2026", to: "2026-11-07" })).toEqual({
      ok: false,
      error: "Use a date as YYYY-MM-DD.",
    });
    expect(refuse({ from: "2024-01-01", to: "2026-01-01" })).toEqual({
      ok: false,
      error: "Choose at most 366 days.",
    });
    expect(refuse({ from: "2026-11-01" })).toEqual({ ok: false, error: "Choose both a from and a to date." });
  });
});
