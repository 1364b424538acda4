import { describe, expect, it } from "vitest";

import { outcomeMessage } from "./outcome-message";
import type { OperationDto } from "./store";

const op = (o: Partial<OperationDto>): OperationDto => ({
  id: 4,
  kind: "cache_snapshot",
  service: "api-optimizer",
  incidentId: null,
  actor: "Rafael Responder",
  outcome: "succeeded",
  summary: "snapshot #2: 2 entries",
  diff: [],
  items: [],
  error: null,
  startedAt: "2026-11-28T12:00:00.000Z",
  durationMs: 12,
  ...o,
});

describe("the message after a confirmed optimizer operation", () => {
  it("says a fresh operation succeeded or failed with its summary", () => {
    expect(outcomeMessage({ repeat: false, op: op({}) })).toEqual({
      message: "Cache snapshot #4 succeeded — snapshot #2: 2 entries",
      failed: false,
    });
    expect(
      outcomeMessage({ repeat: false, op: op({ outcome: "failed", summary: "1/5 steps done" }) }),
    ).toEqual({ message: "Cache snapshot #4 FAILED — 1/5 steps done", failed: true });
  });

  it("says a repeated confirmation was already done, with the first outcome or its error", () => {
    expect(outcomeMessage({ repeat: true, op: op({}) }).message).toBe(
      "Cache snapshot #4 was already confirmed (succeeded): snapshot #2: 2 entries",
    );
    expect(
      outcomeMessage({
        repeat: true,
        op: op({ outcome: "failed", summary: "", error: "The optimizer answered 500." }),
      }),
    ).toEqual({
      message: "Cache snapshot #4 was already confirmed (failed): The optimizer answered 500.",
      failed: true,
    });
  });

  it("says a repeat of an operation still running is still running, not null", () => {
    expect(
      outcomeMessage({ repeat: true, op: op({ outcome: "pending", summary: "", durationMs: null }) }),
    ).toEqual({ message: "Cache snapshot #4 was already confirmed (pending): still running", failed: false });
  });
});
