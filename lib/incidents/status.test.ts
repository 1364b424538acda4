import { describe, expect, it } from "vitest";

import { STATUSES, planStatusChange } from "./status";

describe("planStatusChange", () => {
  it("moves one step forward without a reason and stamps the new status", () => {
    const plan = planStatusChange("declared", "investigating");
    expect(plan).toMatchObject({ ok: true, timestampField: "investigatingAt", isJump: false, reason: null });
  });

  it.each([
    ["investigating", "mitigated", "mitigatedAt"],
    ["mitigated", "resolved", "resolvedAt"],
    ["resolved", "closed", "closedAt"],
  ] as const)("allows %s → %s as a plain step", (from, to, field) => {
    expect(planStatusChange(from, to)).toMatchObject({ ok: true, timestampField: field, isJump: false });
  });

  it("refuses a skip forward without a reason", () => {
    const plan = planStatusChange("declared", "mitigated");
    expect(plan).toEqual({
      ok: false,
      field: "reason",
      error: "Skipping from Declared to Mitigated needs a reason.",
    });
  });

  it("treats a whitespace-only reason as no reason", () => {
    expect(planStatusChange("declared", "closed", "   ").ok).toBe(false);
  });

  it("allows a skip forward with a reason and records it trimmed", () => {
    expect(planStatusChange("declared", "mitigated", "  rolled back at once ")).toMatchObject({
      ok: true,
      isJump: true,
      isBackwards: false,
      reason: "rolled back at once",
      clearedFields: ["resolvedAt", "closedAt"],
    });
  });

  it("refuses going backwards without a reason, even by one step", () => {
    const plan = planStatusChange("mitigated", "investigating");
    expect(plan).toMatchObject({ ok: false, field: "reason" });
    expect(!plan.ok && plan.error).toMatch(/Going back from Mitigated to Investigating/);
  });

  it("reopens with a reason and clears the stamps after the new status", () => {
    expect(planStatusChange("closed", "investigating", "errors are back")).toMatchObject({
      ok: true,
      isBackwards: true,
      timestampField: "investigatingAt",
      clearedFields: ["mitigatedAt", "resolvedAt", "closedAt"],
    });
  });

  it.each(STATUSES)("refuses changing %s to itself", (s) => {
    expect(planStatusChange(s, s, "any reason")).toMatchObject({ ok: false, field: "to" });
  });
});
