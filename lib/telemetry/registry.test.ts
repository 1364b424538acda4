import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("./job-counts", () => ({ countJobsByState: async () => [{ state: "created", count: 3 }] }));

type Holder = { __firebreakTelemetry?: unknown };

afterEach(() => {
  delete (globalThis as Holder).__firebreakTelemetry;
  vi.resetModules();
});

describe("telemetry registry", () => {
  it("is one registry per process even when the module is loaded twice", async () => {
    const first = await import("./registry");
    vi.resetModules();
    const second = await import("./registry");
    expect(second).not.toBe(first);
    expect(second.telemetry()).toBe(first.telemetry());
    expect(second.telemetry().registry).toBe(first.telemetry().registry);
  });

  it("counts a recorded action in the text a scrape returns", async () => {
    const { recordActionOutcome } = await import("./record");
    const { telemetry } = await import("./registry");
    recordActionOutcome("rollback", "succeeded", 0.2);
    recordActionOutcome("rollback", "succeeded", 0.3);
    const text = await telemetry().registry.metrics();
    expect(text).toContain('firebreak_actions_total{kind="rollback",outcome="succeeded"} 2');
    expect(text).toContain('firebreak_action_duration_seconds_count{kind="rollback"} 2');
    expect(text).toContain('firebreak_jobs{state="created"} 3');
  });

  it("records a thrown action as failed and passes the error on", async () => {
    const { timedAction } = await import("./record");
    const { telemetry } = await import("./registry");
    const boom = timedAction(async (input: { kind: string }): Promise<{ status: string }> => {
      throw new Error(`${input.kind} refused`);
    });
    await expect(boom({ kind: "scale" })).rejects.toThrow("scale refused");
    expect(await telemetry().registry.metrics()).toContain(
      'firebreak_actions_total{kind="scale",outcome="failed"} 1',
    );
  });
});
