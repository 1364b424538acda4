import { describe, expect, it } from "vitest";

import { assessValue, chooseBranch } from "./assess";
import { readPlaybookDir } from "./catalog";
import type { Step } from "./schema";

// Every decision rule of the repository's playbooks at its boundaries: the runbook's
// comparisons are strict (`> 50`, `< 50`), so a value equal to a threshold never breaches.
const { playbooks } = readPlaybookDir();
function step<K extends Step["kind"]>(playbook: string, id: string, kind: K): Extract<Step, { kind: K }> {
  const s = playbooks.find((p) => p.id === playbook)?.steps.find((x) => x.id === id);
  if (!s || s.kind !== kind) throw new Error(`${playbook}/${id} is not a ${kind} step`);
  return s as Extract<Step, { kind: K }>;
}
const say = (s: Extract<Step, { kind: "decision" }>, v: unknown) => chooseBranch(s.next, v)?.say;

describe("high latency recommendation (runbook 001 lines 374-381)", () => {
  const s = step("high-latency-guide", "latency-recommendation", "decision");
  it.each([
    [50.01, "CRITICAL: Consider immediate rollback"],
    [50, "WARNING: Investigate cache issues"],
    [25.01, "WARNING: Investigate cache issues"],
    [25, "INFO: Monitor trends"],
    [6, "INFO: Monitor trends"],
  ])("p95 %s ms → %s", (v, expected) => expect(say(s, v)).toBe(expected));
  it("only the critical branch points to the emergency rollback", () => {
    expect(chooseBranch(s.next, 60)?.do).toBe("emergency-rollback");
    expect(chooseBranch(s.next, 50)?.do).toBeUndefined();
  });
});

describe("low cache hit ratio recommendation (runbook 001 lines 407-418)", () => {
  const s = step("low-cache-guide", "cache-recommendation", "decision");
  it.each([
    [49.99, "CRITICAL: Check for cache thrashing"],
    [50, "WARNING: Optimize cache configuration"],
    [69.99, "WARNING: Optimize cache configuration"],
    [70, "Hit ratio at or above 70 %: the runbook recommends no cache action"],
  ])("hit ratio %s %% → %s", (v, expected) => expect(say(s, v)).toBe(expected));
  it("the thrashing advice lists the runbook's three items", () => {
    expect(chooseBranch(s.next, 42)?.advice).toEqual([
      "Increase cache size",
      "Review TTL settings",
      "Check invalidation logic",
    ]);
  });
});

describe("high error rate recommendation (runbook 001 lines 448-457)", () => {
  const s = step("high-error-guide", "errors-recommendation", "decision");
  it.each([
    [5.01, "CRITICAL: Consider rollback or circuit breaker activation"],
    [5, "WARNING: Investigate root cause"],
    [2.01, "WARNING: Investigate root cause"],
    [2, "Error rate at or below 2 %: no action in the runbook"],
  ])("error rate %s %% → %s", (v, expected) => expect(say(s, v)).toBe(expected));
});

describe("Step 2: system down (runbook 001 lines 100-104)", () => {
  const s = step("incident-response", "step-2-live", "decision");
  it("/health/live ≠ 200 points to the emergency rollback; 200 does not", () => {
    expect(chooseBranch(s.next, 503)?.do).toBe("emergency-rollback");
    expect(chooseBranch(s.next, 200)?.do).toBeUndefined();
    expect(assessValue(s.metric, 503).text).toBe("/health/live 503 ≠ 200");
  });
});

describe("Step 1 metrics (runbook 001 lines 300-314)", () => {
  const metrics = step("incident-response", "step-1-assess", "check").metrics;
  const m = (name: string) => metrics.find((x) => x.name === name)!;
  it("p95: 50 ms is not a breach, 50.01 ms is; ≤ 10 ms passes", () => {
    expect(assessValue(m("p95-latency"), 50).phase).toBe("Inconclusive");
    expect(assessValue(m("p95-latency"), 50.01)).toMatchObject({
      phase: "Failed",
      text: "p95 50.01 ms > 50 ms",
    });
    expect(assessValue(m("p95-latency"), 10).phase).toBe("Successful");
    expect(assessValue(m("p95-latency"), 60).text).toBe("p95 60 ms > 50 ms");
  });
  it("error rate: 5 % is not a breach, 5.01 % is; ≤ 1 % passes", () => {
    expect(assessValue(m("error-rate"), 5).phase).toBe("Inconclusive");
    expect(assessValue(m("error-rate"), 5.01).phase).toBe("Failed");
    expect(assessValue(m("error-rate"), 1).phase).toBe("Successful");
  });
  it("cache hit ratio: 50 % is not a breach, 49.99 % is; ≥ 70 % passes", () => {
    expect(assessValue(m("cache-hit-ratio"), 50).phase).toBe("Inconclusive");
    expect(assessValue(m("cache-hit-ratio"), 49.99)).toMatchObject({
      phase: "Failed",
      text: "cache hit ratio 49.99 % < 50 %",
    });
    expect(assessValue(m("cache-hit-ratio"), 70).phase).toBe("Successful");
  });
  it("active alerts: none passes, any fails and names them", () => {
    expect(assessValue(m("active-alerts"), []).phase).toBe("Successful");
    expect(assessValue(m("active-alerts"), [{ name: "HighLatencyP95", severity: "critical" }])).toMatchObject(
      {
        phase: "Failed",
        text: "active alerts 1: HighLatencyP95 (critical)",
      },
    );
  });
  it("a value that is not a number is an error, never a pass", () => {
    expect(assessValue(m("p95-latency"), undefined).phase).toBe("Error");
  });
});

describe("Step 3 system metrics (runbook 001 lines 324-338)", () => {
  const metrics = step("incident-response", "step-3-system", "check").metrics;
  it.each([
    ["memory-usage", 95, 95.01],
    ["cpu-usage", 90, 90.01],
    ["disk-usage", 95, 95.01],
  ])("%s: %s is not a breach, %s is", (name, equal, above) => {
    const metric = metrics.find((x) => x.name === name)!;
    expect(assessValue(metric, equal).phase).not.toBe("Failed");
    expect(assessValue(metric, above).phase).toBe("Failed");
  });
});
