import { describe, expect, it } from "vitest";

import { autotuneApplySchema, configBackupSchema, maintenanceSchema } from "./schemas";

const REQUEST = "6f1c8a52-4a0e-4e59-9c43-3f7a2b8d9e10";

describe("optimizer operation inputs", () => {
  it("reads an auto-tuning confirmation's changes from the form's JSON field", () => {
    const parsed = autotuneApplySchema.parse({
      service: "api-optimizer",
      requestId: REQUEST,
      incidentId: "",
      resourceVersion: "42",
      changes: JSON.stringify([{ key: "default_ttl", from: "10m", to: "15m", reason: "p95 8 ms > 5 ms" }]),
    });
    expect(parsed.incidentId).toBeNull();
    expect(parsed.changes).toEqual([
      { key: "default_ttl", from: "10m", to: "15m", reason: "p95 8 ms > 5 ms" },
    ]);
  });

  it("refuses a key the rules never touch, an empty change list and a missing request id", () => {
    const base = { service: "api-optimizer", requestId: REQUEST, resourceVersion: "1" };
    const bad = [{ key: "eviction_policy", from: "lru", to: "lfu", reason: "" }];
    expect(autotuneApplySchema.safeParse({ ...base, changes: JSON.stringify(bad) }).success).toBe(false);
    expect(autotuneApplySchema.safeParse({ ...base, changes: "[]" }).success).toBe(false);
    expect(configBackupSchema.safeParse({ service: "api-optimizer", kind: "Secret" }).success).toBe(false);
    expect(
      configBackupSchema.safeParse({ service: "x", kind: "Deployment", requestId: REQUEST }).success,
    ).toBe(false);
  });

  it("takes a maintenance run's manual steps as done, skipped or unsaid", () => {
    const parsed = maintenanceSchema.parse({
      service: "api-optimizer",
      requestId: REQUEST,
      logRotation: "done",
      logRotationNote: "rotated",
      securityScan: "",
      securityScanNote: "",
    });
    expect(parsed).toMatchObject({
      logRotation: "done",
      logRotationNote: "rotated",
      securityScan: undefined,
    });
    expect(
      maintenanceSchema.safeParse({ service: "a", requestId: REQUEST, logRotation: "maybe" }).success,
    ).toBe(false);
  });
});
