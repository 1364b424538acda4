import { describe, expect, it } from "vitest";

import { eventDetails } from "./event-details";
import type { TimelineEventDto } from "./types";

const ev = (kind: TimelineEventDto["kind"], data: Record<string, unknown>): TimelineEventDto => ({
  id: 1,
  incidentId: 1,
  kind,
  actor: "Dana",
  occurredAt: "2026-11-23T10:00:00.000Z",
  body: "",
  data,
  pinned: false,
  pinnedBy: null,
  pinnedAt: null,
});

describe("eventDetails", () => {
  it("lists a breach's reasons and its snapshot without empty values, in the catalog's units", () => {
    const d = eventDetails(
      ev("metric_breach", {
        from: null,
        to: "SEV1",
        reasons: [{ level: "SEV1", metric: "p95_latency_ms", text: "p95 60 ms > 50 ms" }],
        snapshot: {
          at: "2026-11-23T10:00:00Z",
          values: { p95_latency_ms: 60, error_rate_pct: null, live: 1 },
        },
      }),
    );
    expect(d.reasons).toEqual(["p95 60 ms > 50 ms"]);
    expect(d.snapshot).toEqual([
      { metric: "P95 latency", value: "60 ms" },
      { metric: "Liveness (/health/live = 200)", value: "up" },
    ]);
    expect(d.facts).toEqual([]);
  });

  it("shows an action's command and outcome as values, never nested JSON", () => {
    const d = eventDetails(
      ev("action", {
        actionId: 7,
        kind: "rollback",
        outcome: "succeeded",
        durationMs: 120,
        command: "kubectl patch service web",
        extra: { nested: true },
      }),
    );
    expect(d.command).toBe("kubectl patch service web");
    expect(d.facts).toEqual([
      { label: "Action", value: "#7" },
      { label: "Kind", value: "rollback" },
      { label: "Outcome", value: "succeeded" },
      { label: "Took", value: "120 ms" },
    ]);
  });
});
