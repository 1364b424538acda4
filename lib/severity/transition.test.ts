import { describe, expect, it } from "vitest";

import { breachBody, incidentDraft, isDeclarable, planSevTransition, type SevReason } from "./transition";

const p95: SevReason = {
  level: "SEV1",
  metric: "p95_latency_ms",
  value: 60,
  threshold: 50,
  comparator: ">",
  text: "p95 60 ms > 50 ms",
  source: "SEV-1 definition",
};
const p95warn: SevReason = { ...p95, level: "SEV2", threshold: 10, text: "p95 60 ms > 10 ms" };
const snapshot = { at: "2026-11-23T04:00:00.000Z", values: { p95_latency_ms: 60, error_rate_pct: 0.2 } };
const svc = { name: "api-optimizer", autoDeclare: false };

describe("planSevTransition", () => {
  it("does nothing while the effective level stays the same", () => {
    expect(
      planSevTransition({
        previous: "SEV1",
        next: "SEV1",
        reasons: [p95],
        snapshot,
        service: svc,
        openIncidentIds: [4],
      }),
    ).toEqual({ changed: false });
  });

  it("appends one metric_breach event to every open incident when the level changes", () => {
    const plan = planSevTransition({
      previous: null,
      next: "SEV1",
      reasons: [p95, p95warn],
      snapshot,
      service: svc,
      openIncidentIds: [4, 9],
    });
    expect(plan.changed).toBe(true);
    if (!plan.changed) return;
    expect(plan.appendTo).toEqual([4, 9]);
    expect(plan.event.kind).toBe("metric_breach");
    expect(plan.event.body).toBe("SEV-1: p95 60 ms > 50 ms");
    expect(plan.event.data).toMatchObject({
      from: null,
      to: "SEV1",
      snapshot: { values: { p95_latency_ms: 60 } },
    });
    expect(plan.declare).toBeNull();
  });

  it("records a clear on the open incidents", () => {
    const plan = planSevTransition({
      previous: "SEV1",
      next: null,
      reasons: [],
      snapshot,
      service: svc,
      openIncidentIds: [4],
    });
    expect(plan.changed && plan.event.body).toBe("SEV cleared (was SEV-1): all metrics within thresholds");
  });

  it("auto-declares at SEV-2 or worse when the service opts in and nothing is open", () => {
    const plan = planSevTransition({
      previous: "SEV3",
      next: "SEV2",
      reasons: [p95warn],
      snapshot,
      service: { name: "api-optimizer", autoDeclare: true },
      openIncidentIds: [],
    });
    expect(plan.changed && plan.declare).toMatchObject({
      severity: "SEV2",
      service: "api-optimizer",
      title: "SEV-2 on api-optimizer: p95 60 ms > 10 ms",
      event: { kind: "metric_breach", body: "SEV-2: p95 60 ms > 10 ms" },
    });
  });

  it("does not auto-declare at SEV-3, without the opt-in, or when an incident is already open", () => {
    const auto = { name: "api-optimizer", autoDeclare: true };
    const sev3 = planSevTransition({
      previous: null,
      next: "SEV3",
      reasons: [],
      snapshot,
      service: auto,
      openIncidentIds: [],
    });
    const optOut = planSevTransition({
      previous: null,
      next: "SEV0",
      reasons: [],
      snapshot,
      service: svc,
      openIncidentIds: [],
    });
    const open = planSevTransition({
      previous: "SEV2",
      next: "SEV1",
      reasons: [p95],
      snapshot,
      service: auto,
      openIncidentIds: [3],
    });
    expect(sev3.changed && sev3.declare).toBeNull();
    expect(optOut.changed && optOut.declare).toBeNull();
    expect(open.changed && open.declare).toBeNull();
  });
});

describe("signal helpers", () => {
  it("offers declaring at SEV-0, SEV-1 and SEV-2 only", () => {
    expect(["SEV0", "SEV1", "SEV2", "SEV3", null].map((l) => isDeclarable(l as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it("names the reasons of the level itself, falling back to all reasons", () => {
    expect(breachBody("SEV2", null, [p95, p95warn])).toBe("SEV-2: p95 60 ms > 10 ms");
    expect(breachBody("SEV0", null, [p95])).toBe("SEV-0: p95 60 ms > 50 ms");
    expect(breachBody("SEV3", null, [])).toBe("SEV-3: no breaching metric reported");
  });

  it("pre-fills an incident with the SEV, the service and the snapshot", () => {
    const draft = incidentDraft("api-optimizer", "SEV1", [p95], snapshot);
    expect(draft.severity).toBe("SEV1");
    expect(draft.summary).toContain("p95 60 ms > 50 ms");
    expect(draft.event.data.snapshot).toEqual(snapshot);
  });
});
