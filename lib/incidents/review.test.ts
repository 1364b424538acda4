import { describe, expect, it } from "vitest";

import { buildReview, formatDuration, highestSeverity } from "./review";
import type { TimelineEventDto } from "./types";

const declaredAt = new Date("2026-11-23T10:00:00.000Z");
let nextId = 1;

function event(
  kind: TimelineEventDto["kind"],
  atMs: number,
  data: Record<string, unknown> = {},
): TimelineEventDto {
  return {
    id: nextId++,
    incidentId: 1,
    kind,
    actor: "Dana",
    occurredAt: new Date(declaredAt.getTime() + atMs).toISOString(),
    body: "",
    data,
    pinned: false,
    pinnedBy: null,
    pinnedAt: null,
  };
}

const declared = (severity = "SEV1") => event("status_change", 0, { from: null, to: "declared", severity });
const toInvestigating = (atMs: number) =>
  event("status_change", atMs, { from: "declared", to: "investigating" });
const MIN = 60_000;

describe("response-target clock", () => {
  it("is met when the first response comes just before the SEV-1 target of 5 minutes", () => {
    const { clock } = buildReview(
      { severity: "SEV1", declaredAt },
      [declared(), toInvestigating(5 * MIN - 1)],
      new Date(),
    );
    expect(clock).toMatchObject({
      state: "met",
      severity: "SEV1",
      targetText: "< 5 minutes",
      elapsedMs: 5 * MIN - 1,
    });
  });

  it("is missed when the response comes exactly at the target (the runbook says '< 5 minutes')", () => {
    const { clock } = buildReview(
      { severity: "SEV1", declaredAt },
      [declared(), toInvestigating(5 * MIN)],
      new Date(),
    );
    expect(clock.state).toBe("missed");
  });

  it("counts a jump straight to mitigated as the response", () => {
    const jump = event("status_change", 90_000, { from: "declared", to: "mitigated", reason: "rolled back" });
    const { clock } = buildReview({ severity: "SEV0", declaredAt }, [declared("SEV0"), jump], new Date());
    expect(clock).toMatchObject({ state: "met", severity: "SEV0", respondedAt: jump.occurredAt });
  });

  it("keeps running while nobody has responded and the target has not passed", () => {
    const now = new Date(declaredAt.getTime() + 14 * MIN);
    const { clock } = buildReview({ severity: "SEV2", declaredAt }, [declared("SEV2")], now);
    expect(clock).toMatchObject({
      state: "running",
      respondedAt: null,
      elapsedMs: 14 * MIN,
      targetMs: 15 * MIN,
    });
  });

  it("is missed once the target passes with no response", () => {
    const now = new Date(declaredAt.getTime() + 60 * MIN);
    const { clock } = buildReview({ severity: "SEV3", declaredAt }, [declared("SEV3")], now);
    expect(clock.state).toBe("missed");
  });

  it("uses the most severe SEV the incident had, even after a downgrade", () => {
    const events = [
      declared(),
      event("severity_change", MIN, { from: "SEV1", to: "SEV0" }),
      event("severity_change", 2 * MIN, { from: "SEV0", to: "SEV2" }),
      toInvestigating(3 * MIN),
    ];
    const { clock } = buildReview({ severity: "SEV2", declaredAt }, events, new Date());
    // The escalation at T+1 min is itself the first response.
    expect(clock).toMatchObject({ severity: "SEV0", targetText: "Immediate (< 2 minutes)", state: "met" });
    expect(clock.elapsedMs).toBe(MIN);
  });

  it("counts a rollback as the response, not the automation's breaches or the declarer taking command", () => {
    const events = [
      declared(),
      event("role_change", 0, { role: "incident_commander", from: null, to: "Dana", declarer: true }),
      event("metric_breach", 1_000, { from: null, to: "SEV1" }),
      event("action", 2_000, { kind: "rollback", outcome: "succeeded" }),
    ];
    const { clock } = buildReview({ severity: "SEV1", declaredAt }, events, new Date());
    expect(clock).toMatchObject({ state: "met", elapsedMs: 2_000, response: { kind: "action" } });
  });

  it("does not count a playbook check the page ran on its own, but counts one a person ran", () => {
    const events = [
      declared(),
      event("playbook_step", 1_000, { stepId: "step-1-assess", auto: true }),
      event("playbook_step", 5_000, { stepId: "step-2-health" }),
    ];
    const { clock } = buildReview({ severity: "SEV1", declaredAt }, events, new Date());
    expect(clock).toMatchObject({ state: "met", elapsedMs: 5_000, response: { kind: "playbook_step" } });
  });

  it("does not count a notification the automation recorded as sent", () => {
    const events = [
      declared(),
      event("action", 1_000, { auto: true, notification: 1, outcome: "sent" }),
      event("note", 4_000),
    ];
    const { clock } = buildReview({ severity: "SEV1", declaredAt }, events, new Date());
    expect(clock).toMatchObject({ state: "met", elapsedMs: 4_000, response: { kind: "note" } });
  });

  it("counts an acknowledgement of the page as the response", () => {
    const ack = event("acknowledgement", 30_000);
    const { clock } = buildReview({ severity: "SEV2", declaredAt }, [declared("SEV2"), ack], new Date());
    expect(clock).toMatchObject({ state: "met", respondedAt: ack.occurredAt, response: { actor: "Dana" } });
  });
});

describe("review entries", () => {
  it("lists events oldest first with the time since the previous one", () => {
    const note = event("note", 2 * MIN);
    const first = declared();
    const { entries } = buildReview({ severity: "SEV1", declaredAt }, [note, first], new Date());
    expect(entries.map((e) => [e.event.id, e.sincePreviousMs, e.sinceDeclaredMs])).toEqual([
      [first.id, null, 0],
      [note.id, 2 * MIN, 2 * MIN],
    ]);
  });
});

describe("highestSeverity", () => {
  it("is the current SEV when it never changed", () => {
    expect(highestSeverity("SEV3", [])).toBe("SEV3");
  });
});

describe("formatDuration", () => {
  it.each([
    [850, "850 ms"],
    [59_000, "59 s"],
    [4 * MIN + 59_000, "4 min 59 s"],
    [125 * MIN, "2 h 5 min"],
    [50 * 60 * MIN, "2 d 2 h"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
